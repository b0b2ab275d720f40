"""Units of measurement and money: which family a unit belongs to and its size there.

"12 metres (39 feet)" states one length twice, "a 19 stone catfish" and "266 pounds" one
weight, "26C" and "79 degrees Fahrenheit" one temperature: figures in units of one family
are compared after conversion. Money is different: "$460" and "£300" may both be right on
the day, so a currency is its own family and figures in two currencies never conflict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """A unit's family (what it measures) and how many base units of that family it is."""

    family: str
    factor: float
    offset: float = 0.0
    """Added after scaling (Fahrenheit to Celsius); zero for every other unit."""


_MASS = {"pound": 0.45359, "pounds": 0.45359, "lb": 0.45359, "lbs": 0.45359,
         "stone": 6.35029, "stones": 6.35029, "st": 6.35029,
         "kg": 1.0, "kgs": 1.0, "kilo": 1.0, "kilos": 1.0, "kilogram": 1.0, "kilograms": 1.0,
         "gram": 0.001, "grams": 0.001, "g": 0.001, "ounce": 0.02835, "ounces": 0.02835,
         "oz": 0.02835, "tonne": 1000.0, "tonnes": 1000.0, "ton": 907.18, "tons": 907.18}
_LENGTH = {"foot": 0.3048, "feet": 0.3048, "ft": 0.3048, "inch": 0.0254, "inches": 0.0254,
           "in": 0.0254, "yard": 0.9144, "yards": 0.9144, "mile": 1609.34, "miles": 1609.34,
           "metre": 1.0, "metres": 1.0, "meter": 1.0, "meters": 1.0,
           "centimetre": 0.01, "centimetres": 0.01, "centimeter": 0.01, "centimeters": 0.01,
           "cm": 0.01, "millimetre": 0.001, "millimetres": 0.001, "millimeter": 0.001,
           "millimeters": 0.001, "mm": 0.001, "kilometre": 1000.0, "kilometres": 1000.0,
           "kilometer": 1000.0, "kilometers": 1000.0, "km": 1000.0}
_AREA = {"acre": 4046.86, "acres": 4046.86, "hectare": 10_000.0, "hectares": 10_000.0,
         "square feet": 0.0929, "sq ft": 0.0929, "square foot": 0.0929,
         "square metres": 1.0, "square meters": 1.0, "sq m": 1.0,
         "square miles": 2_589_988.0, "square kilometres": 1e6, "square kilometers": 1e6}
_TEMPERATURE = {"c": Unit("temperature", 1.0), "°c": Unit("temperature", 1.0),
                "ºc": Unit("temperature", 1.0), "degrees celsius": Unit("temperature", 1.0),
                "degrees centigrade": Unit("temperature", 1.0),
                "f": Unit("temperature", 5 / 9, -160 / 9),
                "°f": Unit("temperature", 5 / 9, -160 / 9),
                "ºf": Unit("temperature", 5 / 9, -160 / 9),
                "degrees fahrenheit": Unit("temperature", 5 / 9, -160 / 9)}
UNIT_FAMILIES = frozenset(["weight", "length", "area", "temperature"])
UNITS: dict[str, Unit] = {
    **{name: Unit("weight", size) for name, size in _MASS.items()},
    **{name: Unit("length", size) for name, size in _LENGTH.items()},
    **{name: Unit("area", size) for name, size in _AREA.items()},
    **_TEMPERATURE,
}
# Money: the sign (or word) names the currency; "US$", "A$" and "HK$" are not "$" alone.
CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "a$": "AUD",
              "au$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD", "nz$": "NZD",
              "£": "GBP", "gbp": "GBP", "€": "EUR", "euros": "EUR", "eur": "EUR",
              "rmb": "CNY", "yuan": "CNY"}

# Short symbols are case-sensitive and must touch the figure ("26C", "8ft", "13in", "500g"):
# "5 in the", "4G" and "the C" are not units. Words may stand a space or a hyphen away.
_ATTACHED = ["C", "°C", "ºC", "F", "°F", "ºF", "g", "in", "st"]
_WORDS = sorted((u for u in UNITS if u.lower() not in {a.lower() for a in _ATTACHED}),
                key=len, reverse=True)
UNIT_PATTERN = (
    r"(?:(?<=\d)(?:" + "|".join(re.escape(a) for a in _ATTACHED) + r")(?![\w°º])|"
    r"(?i:(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _WORDS) + r"))"
    r"(?![\w°º]))"
)
CURRENCY_BEFORE = r"(?i:US\$|AU?\$|CA?\$|HK\$|NZ\$|RMB\s?|USD\s?|GBP\s?|EUR\s?)|[$£€]"
CURRENCY_AFTER = r"(?i:dollars|euros|yuan)(?!\w)"


def unit_of(name: str) -> Unit | None:
    """The unit a name in a sentence stands for ("Feet", "°C"), or None."""
    folded = re.sub(r"\s+", " ", name.strip().lower())
    return UNITS.get(folded)


def currency_of(sign: str) -> str:
    """The currency a sign or word names: "$" and "dollars" USD, "£" GBP."""
    return CURRENCIES.get(sign.strip().lower(), "USD")


def rounding(figure: str) -> float:
    """Half the step of a figure's last stated digit: 12 -> 0.5, 8.7 -> 0.05, 300 -> 50,
    the most a figure rounded from a converted one can be off by."""
    digits = figure.replace(",", "").strip()
    if "." in digits:
        return 0.5 * 10 ** -len(digits.split(".", 1)[1])
    stripped = digits.rstrip("0")
    if len(digits) < 3 or not stripped:
        return 0.5  # "20 stone": a small whole number is counted, not rounded
    return 0.5 * 10 ** (len(digits) - len(stripped))

"""Built-in aliases: countries under their capitals, demonyms, acronyms and formal names.

Capitals stand for governments in news prose ("Pyongyang deepened cooperation with
Moscow"), so they share the country's key. Article-specific aliases (a person's short
name, an acronym defined in brackets) are learned per article in normalize.py.
Phrases written without lower-case letters are acronyms and match only in capitals, so
"UN" is the United Nations but the "Un" of "Kim Jong Un" is not.
"""

from __future__ import annotations

COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "north_korea": ("north korea", "north korean", "north koreans", "DPRK", "pyongyang",
                    "democratic people's republic of korea", "n korea", "north koran"),
    "south_korea": ("south korea", "south korean", "south koreans", "seoul", "ROK",
                    "republic of korea"),
    "russia": ("russia", "russian", "russians", "moscow", "kremlin", "russian federation"),
    "ukraine": ("ukraine", "ukrainian", "ukrainians", "kyiv", "kiev"),
    "united_states": ("united states", "U.S.", "US", "USA", "america", "american",
                      "americans", "washington"),
    "china": ("china", "chinese", "beijing", "PRC", "people's republic of china"),
    "japan": ("japan", "japanese", "tokyo"),
    "united_kingdom": ("united kingdom", "britain", "british", "UK", "U.K.", "london"),
    "france": ("france", "french", "paris"),
    "germany": ("germany", "german", "berlin"),
    "iran": ("iran", "iranian", "tehran"),
    "israel": ("israel", "israeli", "jerusalem"),
    "syria": ("syria", "syrian", "damascus"),
    "iraq": ("iraq", "iraqi", "baghdad"),
    "turkey": ("turkey", "turkish", "ankara", "turkiye"),
    "india": ("india", "indian", "new delhi"),
    "pakistan": ("pakistan", "pakistani", "islamabad"),
    "egypt": ("egypt", "egyptian", "cairo"),
    "saudi_arabia": ("saudi arabia", "saudi", "riyadh"),
    "european_union": ("european union", "EU", "brussels"),
    "nato": ("NATO", "north atlantic treaty organization"),
    "united_nations": ("united nations", "UN", "U.N."),
    "kcna": ("korean central news agency", "KCNA"),
    "tass": ("tass", "TASS"),
    "isis": ("ISIS", "islamic state", "ISIL", "daesh"),
}


def alias_table() -> dict[str, str]:
    """Phrase to key for every built-in alias."""
    return {phrase: key for key, phrases in COUNTRY_ALIASES.items() for phrase in phrases}

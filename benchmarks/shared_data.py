"""Where the shared data sets are: beside the repository (a checkout of main at
/work/main) or beside the folder that holds it (a clone under /work/clones), so every
script finds them from either without --fnc."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p / "shared" / "data" for p in (ROOT.parent, ROOT.parent.parent)
               if (p / "shared" / "data").is_dir()), ROOT.parent / "shared" / "data")
FNC1 = SHARED / "fnc1"

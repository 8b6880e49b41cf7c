"""Convert the field's Phoenix agents dictionary into the actor knowledge base's agent words.

Reads (from a checkout of the public knowledge files, not shipped with the package):
  petrarch2/Phoenix.agents.txt   ~2,300 generic agent words ("FARMER", "GUNMAN", "RIOT_POLICE")
                                 with CAMEO sector codes (Open Event Data Alliance, MIT licence)

Writes into the package (users have no ../shared at run time):
  src/dragoman/data/actors/phoenix_agents.tsv   the `titles` table's columns (phrase, kind, sector, role, body)

Run it again after changing it; tests/test_kb_phoenix.py checks that the committed file is what this
script makes from ../shared.

    python scripts/convert_phoenix_agents.py [KNOWLEDGE_DIR]   (default ../shared/knowledge; prints counts)

How the dictionary is read (PETRARCH agents format, petrarch2/dictionaries.rst):
  * a line is `PHRASE [~CODE]` or `PHRASE {PLURAL} [~CODE]`; words are joined by `_` (or a space);
    `#` starts a comment; `{PLURAL}` gives an irregular plural, `{}` says the phrase has none;
  * `!PERSON!` and `!MINIST!` are the file's substitution sets (MAN, MEN, WOMAN, WOMEN, PERSON;
    MINISTER, MINISTERS, MINISTRY, MINISTRIES): one phrase per member; `AD!MINIST!RATION` is the set
    pasted into "ADMINISTRATION" by a search-and-replace and is read as that word;
  * PETRARCH makes regular plurals itself, so the file lists singulars: the plural is made here
    (of the head word: the last word, or the word before "of"/"for"/"in"... : "ministers of
    agriculture"; -y → -ies, -s/-x/-ch/-sh → -es, -man → -men, else -s); a phrase whose head already
    ends in "s" (not "ss", "us", "is") is a plural ("GENERALS", "MARINES") and gets no further form;
  * a word left as a stem ("MINIST", "AUTHORIT", "INDUSTR", "COMPAN") is completed (STEMS).

What each phrase becomes, and why (so that a row is right on an article nobody has read):
  * sector: the first code that has a sector of the project's own (SPEC §2; SECTOR below). CAMEO
    codes without one are mapped: HLH→HLT, PTY→POL, IGO→IGO; UAF (unaligned armed forces: gunmen,
    militiamen) → REB, the project's sector for armed non-state actors; CRM (criminals) → REB where the
    head names organised or armed crime (gangs, cartels, smugglers, kidnappers, pirates: ARMED_CRIME),
    as the project codes gangs, else CVL (a burglar, a convict, an illegal migrant: individuals outside
    any organisation); AGR (farmers), LAB (workers, unions), REF (refugees), ENV (environmentalists),
    PPL (people) and IMG → CVL, as titles.tsv codes farmers, workers, refugees and activists; HRI
    (human-rights groups) → NGO, as titles.tsv codes rights groups; religious codes (MUS, CHR, CTH, JEW,
    HIN, BUD, ...) → REL when no other code comes with them ("BUDUAF", a Buddhist warrior, is REB); DEV
    and RAD alone have no equivalent and are left out, as is ELI (elite: "FORMER_PRESIDENT", "VIP": a
    status, no sector);
  * kind, from the head word: a body ("ministry", "court", "party", "battalion": ORG_HEADS) is an
    `organization`, a collective of people that is no formal body ("gang", "mob", "militia": GROUP_HEADS)
    a `group`, a word with one form for one and many ("police", "people", "clergy": MASS) the kind MASS
    gives it, and every other head a person word: `person` in the singular (a title: "farmer John
    Smith", "the farmer"; role: the phrase in title case) and `group` in the plural ("farmers"); all
    plurals are `group` (several bodies: "rights groups"). Heads that name things, places or activities
    (vehicles, weapons, buildings, schools, publications, "uprising", "presence": NOT_AGENT_HEADS) are
    left out: titles.tsv already codes the military metonyms news uses ("warplanes", "jets"); so are
    heads that are no English noun (the lemmatizer's WordNet noun index spaCy's model ships, tried on
    the singular and on the last part of a hyphenated word: typos and other languages);
  * a singular one-word person word that English also uses as an adjective ("Christian", "civilian",
    "radical", "chief": the lemmatizer's adjective index) or that is part of a known person's name
    (people.tsv, phoenix_people.tsv: "Hunter", "Cantor", "Dean") would read the name or the noun after
    it as the holder of a title ("Christian Democrats", "Hunter Biden"): only its plural is kept;
  * left out as well: phrases with digits or slashes (aircraft models), a word of one letter, phrases
    ending in a preposition ("AMBASSADOR_TO"), more than six words, non-ASCII words; a leading "the"
    is dropped; a few words whose other sense dominates in news (LEFT_OUT, each with its reason:
    "authority", "deputies", "community", "representatives" ...);
  * one home for each piece of knowledge: a phrase titles.tsv lists is not written (the project's
    titles and agent words win: their kinds, roles and bodies were chosen by hand); a phrase of several
    words whose head word titles.tsv lists, in either number ("security officials", "defence ministers",
    "ground forces"), is not written either: the project's own rules read it (its head decides the kind,
    its modifiers the sector and country), where a Phoenix row would override them; a single word
    whose other number titles.tsv lists takes titles.tsv's sector ("protester": CVL, as "protesters");
    the plural of a word that stands for a state in titles.tsv ("governments") is left out (several
    states are no one actor); a phrase the source gives two different sectors keeps the first (file
    order);
  * role: persons only, the phrase in title case ("Human Rights Activist"); body: none (titles.tsv says
    which collectives are one actor).

The knowledge base reads the file after titles.tsv (dragoman.actors.kb; data/actors/README.md).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from convert_phoenix_actors import LICENCE, SOURCE, common_words  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "dragoman" / "data" / "actors" / "phoenix_agents.tsv"
TITLES = ROOT / "src" / "dragoman" / "data" / "actors" / "titles.tsv"
PEOPLE = [ROOT / "src" / "dragoman" / "data" / "actors" / name for name in ("people.tsv", "phoenix_people.tsv")]

#: Sector (SPEC §2) of a CAMEO agent code; codes not listed have none (DEV, RAD, ELI, ...).
SECTOR = {"GOV": "GOV", "MIL": "MIL", "REB": "REB", "OPP": "OPP", "BUS": "BUS", "MED": "MED", "CVL": "CVL",
          "JUD": "JUD", "LEG": "LEG", "EDU": "EDU", "HLH": "HLT", "REL": "REL", "NGO": "NGO", "COP": "COP",
          "SPY": "SPY", "IGO": "IGO", "PTY": "POL",
          "UAF": "REB", "CRM": "CVL",
          "AGR": "CVL", "LAB": "CVL", "REF": "CVL", "ENV": "CVL", "PPL": "CVL", "IMG": "CVL",
          "HRI": "NGO"}
#: Head words (singular) of CRM phrases that name organised or armed crime: REB, like armed groups; other
#: CRM phrases ("burglar", "convict", "illegal migrant") name individuals outside any organisation: CVL.
ARMED_CRIME = set("""gang gangdom gangland cartel mafia maffia mafioso syndicate trafficker traffiker smuggler
kidnapper kidnaper abductor bandit brigand pirate gunrunner arms-runner mobster gangster lord kingpin hitman
triggerman extortionist extortioner racketeer marauder raider plunderer pillager rustler runner dealer
peddler pusher mule contrabandist narco-trafficker narco-terrorist rumrunner""".split())
#: Religious codes: REL when no code with a sector of its own comes with them.
RELIGION = {"MUS", "CHR", "CTH", "JEW", "HIN", "BUD", "PRO", "MAR", "SHI", "SUN"}

#: Words the file leaves as stems (PETRARCH matches them as prefixes): singular, plural.
STEMS = {"minist": ("minister", "ministers"), "authorit": ("authority", "authorities"),
         "industr": ("industry", "industries"), "compan": ("company", "companies"),
         "milita": ("militia", "militias")}
#: Irregular plurals of head words (others: regular English endings, plural()).
IRREGULAR = {"child": "children", "thief": "thieves", "wife": "wives", "man": "men", "woman": "women"}
#: Head words with one form for one and many: the kind each gives.
MASS = {"people": "group", "children": "group", "townspeople": "group", "police": "organization",
        "infantry": "organization", "personnel": "group", "clergy": "group", "staff": "group", "media": "group",
        "press": "group", "soldiery": "group", "rabble": "group", "hasidim": "group", "gendarmerie": "organization",
        "gendarmery": "organization", "corps": "organization"}
#: Phrases left out by hand, with the reason: a sense other than an agent dominates in news.
LEFT_OUT = {"authority": "abstract sense first ('the authority to act'); 'authorities' is in titles.tsv",
            "deputy": "a sheriff's deputy (COP) in the source, a legislator in most countries' news",
            "deputies": "a sheriff's deputies (COP) in the source, legislators in most countries' news",
            "doc": "a nickname", "semi-official": "an adjective ('semi-official news agency')",
            "exile": "'in exile', 'went into exile': a state, not a person",
            "community": "'the international community', 'the community': no one actor with a country",
            "communities": "'communities' of a region or faith: no one actor",
            "representatives": "'representatives of' any body; legislators only in the US House's name",
            **{word: "a market, sport or service role: 'traders sold', 'oil producers' (often states), "
                     "'athletes', 'customers' are no political actors"
               for word in ("trader", "traders", "producer", "producers", "athlete", "athletes", "customer",
                            "customers", "waiter", "waiters", "waitress", "waitresses")}}
#: Head words that name bodies: an organisation in the singular.
ORG_HEADS = set("""administration agency alliance army assembly association authority bank board bureau
bureaucracy cabinet chamber chancellery chancery church command commission committee company
conglomerate congress consistory consulate corp corporation council court department dept duma embassy
enterprise federation firm front gendarmerie government industry institution judiciary junta
legislature leadership ministry mission movement navy office organisation organization org outlet
parliament party police politburo praesidium presidium procuratorate regime secretariat secretariate
senate service services syndicate tribunal union university wing detachment brigade battalion regiment
garrison unit patrol squad force forces guard infantry group coalition reserve body business agrobusiness assemblage
conglomerate""".split())
#: Head words that name a collective of people that is no formal body: a group in the singular too.
GROUP_HEADS = set("""band cartel clique community electorate faction gang gangdom mafia maffia militia mob
opposition rabble resistance population minority society staff personnel clergy media press soldiery
echelon family""".split())
#: Head words that name no agent: things, places, buildings, activities, abstractions.
NOT_AGENT_HEADS = set("""activity affairs aircraft airliner airline airway apache apparatus archdiocese
artillery barracks base battleship battlewagon bird blog boat bomber bombers building camp carrier
center centre check chinook college conservatory craft crime cruiser daily destroyer diocese district
dragonfly drone drones enforcement exchange facilitiy facility falcon freighter frigate governance grade
gun gunship helicopter helicopters hmmwv hornet hospital house humvee infirmary information insurgence
insurgency intelligence jail jet jetfighter jetliner jumbojet kindergarden kindergarten kingdom loan machine
magazine meeting mig missile monarcy monastary monastery neighborhood neighbourhood news newspaper
operation operations orion osprey palace phalanx plane planes polity portfolio position post poseidon
predator preschool presence prison progress publication radio raptor reaper rebellion religion revolt
rule sanatarium sanatorium sanitarium school schoolhouse sector security settlement ship site station
system tabloid tank tanker television telecom town tv typhoon uav uprising vehicle vessel village
warplane warship website containership supertanker oiler gazette especiales extraordinary led along
grader races vivienda aerospace manafacture corvette state-owned""".split())
#: Words after which the head of a phrase ends ("minister of agriculture": "minister").
CONNECTORS = {"of", "for", "in", "to", "at", "on", "with"}
MAX_WORDS = 6

HEADER = f"""# Agent words from the Phoenix agents dictionary, converted by scripts/convert_phoenix_agents.py
# (do not edit by hand: change the script and rerun it).
# Source: {SOURCE}, Phoenix.agents.txt.
{LICENCE}# Same columns as titles.tsv, which wins: a phrase it lists is not repeated here. Singular person words
# are kind "person" (a title; role: the phrase), plurals kind "group", bodies kind "organization"; sectors
# are CAMEO's mapped to SPEC §2 (UAF -> REB; CRM -> REB for organised or armed crime, else CVL; AGR, LAB,
# REF, ENV, PPL -> CVL; HRI -> NGO; religious codes -> REL), as the script's docstring explains.
"""
COLUMNS = ["phrase", "kind", "sector", "role", "body"]


def sector_of(code: str) -> str | None:
    """SPEC §2 sector of a CAMEO agent code ("~GOVMIL" → GOV, "~BUDUAF" → REB, "~CHR" → REL)."""
    letters = code.replace("~", "").strip().upper()
    parts = [letters[i:i + 3] for i in range(0, len(letters) - 2, 3)]
    for part in parts:
        if part in SECTOR:
            return SECTOR[part]
    return "REL" if any(p in RELIGION for p in parts) else None


def sector_code(code: str) -> str | None:
    """The CAMEO code that gives the sector (sector_of), or None."""
    letters = code.replace("~", "").strip().upper()
    return next((letters[i:i + 3] for i in range(0, len(letters) - 2, 3) if letters[i:i + 3] in SECTOR), None)


def entries(path: Path) -> list[tuple[str, str | None, str]]:
    """(phrase as written, plural as written or None; "" for `{}`, code) for each line."""
    out = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or re.match(r"^\s*![A-Z]+!\s*=", line):
            continue
        m = re.match(r"^(.*?)\s*(?:\{([^}]*)\})?\s*\[([^\]}]*)[\]}]\s*$", line)
        if m:
            out.append((m.group(1).strip(), m.group(2).strip() if m.group(2) is not None else None, m.group(3)))
    return out


def words_of(text: str) -> list[str]:
    text = text.lower().replace("_", " ").replace(",", " ")
    return text.split()


def head_index(words: list[str]) -> int:
    """Index of the head word: the last word, or the one before the first connector after it."""
    for i, w in enumerate(words):
        if i > 0 and w in CONNECTORS:
            return i - 1
    return len(words) - 1


def is_plural(word: str) -> bool:
    return word.endswith("men") and word not in ("specimen", "abdomen") or \
        word.endswith("s") and not word.endswith(("ss", "us", "is", "news", "ics"))


def singulars(word: str) -> list[str]:
    """Candidate singulars of a plural head ("thieves" → "thief", "parties" → "party", "men" → "man")."""
    back = {v: k for k, v in IRREGULAR.items()}
    if word in back:
        return [back[word]]
    if word.endswith("men"):
        return [word[:-3] + "man"]
    if word.endswith("ies"):
        return [word[:-3] + "y"]
    return [word[:-2], word[:-1]] if word.endswith("es") else [word[:-1]]


def plural(word: str) -> str:
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith("man") and word not in ("human", "german", "roman", "shaman"):
        return word[:-3] + "men"
    if word.endswith("."):
        return word  # an abbreviation ("capt."): no plural is written
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def expand(phrase: str) -> list[tuple[list[str], bool | None]]:
    """(words, plural?) for each phrase the substitution sets make (plural? None: decide by the word)."""
    phrase = phrase.replace("AD!MINIST!RATION", "ADMINISTRATION")
    if "!PERSON!" in phrase:
        return [(words_of(phrase.replace("!PERSON!", member)), member.endswith("EN"))
                for member in ("MAN", "WOMAN", "PERSON", "MEN", "WOMEN")]
    if "!MINIST!" in phrase:
        return [(words_of(phrase.replace("!MINIST!", member + "_")), member.endswith("S"))
                for member in ("MINISTER", "MINISTRY", "MINISTERS", "MINISTRIES")]
    return [(words_of(phrase), None)]


def forms(words: list[str], plural_flag: bool | None, plural_given: str | None) -> list[tuple[str, bool]]:
    """(phrase, plural?) for the phrase and its plural form."""
    h = head_index(words)
    head = words[h]
    if head in STEMS:
        singular, many = STEMS[head]
        return [(" ".join(words[:h] + [singular] + words[h + 1:]), False),
                (" ".join(words[:h] + [many] + words[h + 1:]), True)]
    if head in MASS:
        return [(" ".join(words), MASS[head] == "group" and head.endswith(("people", "children", "hasidim")))]
    if plural_flag is None:
        plural_flag = is_plural(head)
    out = [(" ".join(words), plural_flag)]
    if plural_flag:
        return out
    if plural_given is not None:  # {} : no plural; {X}: this one
        if plural_given:
            out.append((" ".join(words_of(plural_given)), True))
        return out
    many = plural(head)
    if many != head:
        out.append((" ".join(words[:h] + [many] + words[h + 1:]), True))
    return out


def name_words() -> set[str]:
    """Folded words of the names of every person the KB lists (a title word that is also one reads names)."""
    out: set[str] = set()
    for path in PEOPLE:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            cells = line.split("\t")
            for name in [cells[0], *cells[1].split("|")] if len(cells) > 1 else [cells[0]]:
                out.update(w.lower() for w in name.split())
    out.discard("name")
    return out - NAME_HONORIFICS


#: Religious titles written before a name ("Mullah Akhtar Mansour"): part of how a name is
#: written, not of the name, so they do not block the title word.
NAME_HONORIFICS = {"mullah", "maulana"}


def own_titles(column: int = 2) -> dict[str, str]:
    """titles.tsv: phrase → sector ("-" for none), or another column (1: kind)."""
    phrases = {}
    for line in TITLES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = line.split("\t")
        phrases[" ".join(cells[0].lower().split())] = cells[column].strip() if len(cells) > column else "-"
    phrases.pop("phrase", None)
    return phrases


def own_head(head: str, many: bool, own: dict[str, str]) -> bool:
    """The head word, in either number, is a phrase of titles.tsv ("security officials": "officials")."""
    return head in own or any(w in own for w in (singulars(head) if many else [plural(head)]))


def english_noun(head: str, nouns: set[str], many: bool) -> bool:
    """The head word (its singular for a plural; its last part when hyphenated) is an English noun."""
    if head in MASS or head.endswith("."):
        return True
    candidates = singulars(head) if many else [head]
    candidates += [c.rsplit("-", 1)[-1] for c in candidates if "-" in c]
    return any(c in nouns for c in candidates)


def kind_of(head: str, many: bool) -> str:
    if head in MASS:
        return MASS[head]
    if many:
        return "group"
    if head in ORG_HEADS:
        return "organization"
    return "group" if head in GROUP_HEADS else "person"


def convert(knowledge: Path) -> tuple[list[list[str]], dict]:
    stats: Counter = Counter()
    own = own_titles()
    own_kinds = own_titles(column=1)
    adjectives = common_words(("adj",))
    nouns = common_words(("noun",))
    names = name_words()
    rows: dict[str, list[str]] = {}
    for phrase, plural_given, code in entries(knowledge / "petrarch2" / "Phoenix.agents.txt"):
        stats["source lines"] += 1
        sector = sector_of(code)
        if sector is None:
            stats["left out: no sector (ELI, DEV, RAD ...)"] += 1
            continue
        for words, plural_flag in expand(phrase):
            if words and words[0] == "the":
                words = words[1:]
            if not words or len(words) > MAX_WORDS or any(re.search(r"[\d/()]", w) for w in words) \
                    or not all(w.isascii() for w in words) or words[-1] in CONNECTORS \
                    or any(len(w.strip(".")) < 2 for w in words) or len(" ".join(words)) <= 2:
                stats["left out: not a phrase of English words"] += 1
                continue
            head = words[head_index(words)]
            if sector_code(code) == "CRM" and (head in ARMED_CRIME or any(w in ARMED_CRIME for w in singulars(head))):
                sector = "REB"
            if head in NOT_AGENT_HEADS:
                stats["left out: names a thing, place or activity"] += 1
                continue
            made = [(text.rstrip("_ ").strip(), many) for text, many in forms(words, plural_flag, plural_given)]
            # the project's own sector for the word, where titles.tsv lists one of its forms
            own_sector = next((own[text] for text, _ in made if text in own), None)
            for text, many in made:
                h = words_of(text)[head_index(words_of(text))]
                if " " in text and own_head(h, many, own):
                    stats["left out: its head word is in titles.tsv (the project's rules read the phrase)"] += 1
                    continue
                if many and any(own_kinds.get(w) == "country" for w in singulars(h)):
                    stats["left out: plural of a word that stands for a state (several states)"] += 1
                    continue
                if text in LEFT_OUT:
                    stats["left out: by hand (LEFT_OUT)"] += 1
                    continue
                if not english_noun(h, nouns, many):
                    stats["left out: head is no English noun"] += 1
                    continue
                kind = kind_of(h, many)
                if kind == "person" and " " not in text and (text in adjectives or text in names):
                    stats["left out: singular person word that is an adjective or a name word"] += 1
                    continue
                if text in own:
                    stats["left out: titles.tsv lists it"] += 1
                    continue
                if text in rows:
                    if rows[text][2] != sector:
                        stats["same phrase, another sector: first kept"] += 1
                    continue
                row_sector = sector if own_sector is None else own_sector
                role = text.title().replace("'S", "'s") if kind == "person" else "-"
                rows[text] = [text, kind, row_sector, role, "-"]
    out = sorted(rows.values())
    for row in out:
        stats[f"written: {row[1]}"] += 1
    stats["written"] = len(out)
    return out, dict(stats)


def render(rows: list[list[str]]) -> str:
    return HEADER + "\t".join(COLUMNS) + "\n" + "".join("\t".join(r) + "\n" for r in rows)


def main(argv: list[str]) -> int:
    knowledge = Path(argv[0]) if argv else ROOT.parent / "shared" / "knowledge"
    rows, stats = convert(knowledge)
    OUT.write_text(render(rows), encoding="utf-8")
    for key, value in stats.items():
        print(f"{key}: {value}")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

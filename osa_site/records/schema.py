"""One typed schema per record kind.

These models are the single source for validation, for the JSON Schemas that
editors get (``osa-site schema``) and for the field tables of the editing guide.
Every field carries a description, an example and, where it helps, the phrase
used in error messages (``expected``).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonDict

from ..i18n.dates import DATE_PATTERN, PartialDate, parse_partial_date
from ..i18n.languages import N_
from .problems import excerpt
from .textpolicy import TextRule
from .weburls import url_problem

__all__ = [
    "KINDS",
    "SINGULAR",
    "KIND_NOUNS",
    "KIND_TITLES",
    "CONFIDENCE_LABELS",
    "DOMAIN_LABELS",
    "PURPOSE_LABELS",
    "BUDGET_STAGE_LABELS",
    "LIFECYCLE_LABELS",
    "MILESTONE_CATEGORY_LABELS",
    "REGION_LABELS",
    "is_id",
    "suggest_id",
    "FIRST_FISCAL_YEAR",
    "LAST_FISCAL_YEAR",
    "ID_PATTERN",
    "MAX_AMOUNT_JPY",
    "MAX_ID_LENGTH",
    "Text",
    "Title",
    "Name",
    "Note",
    "Recipient",
    "Equipment",
    "Agreement",
    "Milestone",
    "Source",
    "Analysis",
    "AnalysisForm",
    "Theme",
    "ANALYSIS_FORM_LABELS",
    "THEME_LABELS",
    "PUBLISHER_TYPE_LABELS",
    "NO_AUTHOR",
    "Budget",
    "Designation",
    "DesignatedCountry",
    "PUBLISHER_TYPES",
    "YEAR_KINDS",
    "Record",
]

FIRST_FISCAL_YEAR = 2023  # OSA began with the Japanese fiscal year 2023
LAST_FISCAL_YEAR = 2040
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # lowercase letters, digits, single hyphens between them
MAX_AMOUNT_JPY = 10**13  # ten trillion yen: above Japan's whole defence budget, so surely a typo
MAX_QUANTITY = 1_000_000
MAX_ID_LENGTH = 100
_ID = re.compile(ID_PATTERN)


def is_id(text: str) -> bool:
    """Whether `text` has the form of a record id (its length is checked apart, with MAX_ID_LENGTH)."""
    return _ID.fullmatch(text) is not None


def suggest_id(text: str) -> str:
    """The id nearest to `text`: lowercase, every run of other characters one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _check_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if not isinstance(value, str):
        raise ValueError(
            f"expected a date written as YYYY-MM-DD, YYYY-MM or YYYY, received {excerpt(value, 40)}"
        )
    return parse_partial_date(value)


def _check_iso3(value: str) -> str:
    if pycountry.countries.get(alpha_3=value) is None or value != value.upper():
        raise ValueError(f"expected an ISO 3166-1 alpha-3 country code such as PHL, received {value!r}")
    return value


def _check_url(value: str) -> str:
    problem = url_problem(value)
    if problem:
        raise ValueError(problem)
    return value


# The text policy (textpolicy.py) for each kind of free text, written out so type checkers see `str`.
_TITLE = TextRule(300, one_line=True)  # titles of records and documents, disputed topics and readings
_NAME = TextRule(200, one_line=True)  # names of countries, forces, places, publishers, items
_NOTE = TextRule(2_000, one_line=False)  # notes, summaries and descriptions: paragraphs allowed


Date = Annotated[
    PartialDate,
    BeforeValidator(_check_date),
    PlainSerializer(lambda d: d.iso(), return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": DATE_PATTERN, "examples": ["2023-11-03", "2022-05", "2023"]}
    ),
]
RecordId = Annotated[str, Field(pattern=ID_PATTERN, max_length=MAX_ID_LENGTH)]
Title = Annotated[str, _TITLE, AfterValidator(_TITLE.check), WithJsonSchema(_TITLE.json_schema())]
Name = Annotated[str, _NAME, AfterValidator(_NAME.check), WithJsonSchema(_NAME.json_schema())]
Note = Annotated[str, _NOTE, AfterValidator(_NOTE.check), WithJsonSchema(_NOTE.json_schema())]
Text = Note  # any other free text
Iso3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$"), AfterValidator(_check_iso3)]
Url = Annotated[
    str,
    AfterValidator(_check_url),
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": 2_000,
            "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#@\\]+([/?#][^\s]*)?$",
        }
    ),
]
SourceIds = Annotated[
    list[RecordId],
    Field(
        min_length=1,
        description="Ids of the source records that support this, at least one.",
        examples=[["mofa-en-2023-11-03-philippines"]],
        json_schema_extra={"expected": "a list of one or more source ids"},
    ),
]
# The fixed values of the schema, each with the one wording readers see for it.
Confidence = Literal["confirmed", "reported", "contested"]
CONFIDENCE_LABELS: dict[Confidence, str] = {
    "confirmed": N_("Confirmed"),
    "reported": N_("Reported"),
    "contested": N_("Contested"),
}
PublisherType = Literal["official", "news", "research", "other"]
PUBLISHER_TYPES: dict[PublisherType, str] = {  # what each PublisherType covers, in the same order
    "official": "a government body of Japan or of a partner: ministries, embassies, parliaments, "
    "courts' official libraries, white papers",
    "news": "newspapers, news agencies (national ones included), broadcasters and news sites",
    "research": "think tanks, academics and surveys",
    "other": "any other publisher",
}
Domain = Literal["maritime", "air", "land", "disaster-response", "infrastructure", "peacekeeping"]
DOMAIN_LABELS: dict[Domain, str] = {
    "maritime": N_("Maritime"),
    "air": N_("Air"),
    "land": N_("Land"),
    "disaster-response": N_("Disaster response"),
    "infrastructure": N_("Infrastructure"),
    "peacekeeping": N_("Peacekeeping"),
}
Purpose = Literal["rule-of-law", "humanitarian", "peace-cooperation"]
PURPOSE_LABELS: dict[Purpose, str] = {
    "rule-of-law": N_("Peace, stability and security under the rule of law"),
    "humanitarian": N_("Humanitarian activities"),
    "peace-cooperation": N_("International peace cooperation operations"),
}
BudgetStage = Literal["initial", "proposal", "enacted"]
BUDGET_STAGE_LABELS: dict[BudgetStage, str] = {
    "initial": N_("Initial budget"),
    "proposal": N_("Cabinet proposal (not enacted)"),
    "enacted": N_("Enacted budget"),
}
LifecycleStage = Literal["delivery", "handover"]
LIFECYCLE_LABELS: dict[LifecycleStage, str] = {"delivery": N_("Delivery"), "handover": N_("Handover")}
MilestoneCategory = Literal["policy", "institution", "budget", "diplomacy"]
MILESTONE_CATEGORY_LABELS: dict[MilestoneCategory, str] = {
    "policy": N_("Policy"),
    "institution": N_("Institution"),
    "budget": N_("Budget"),
    "diplomacy": N_("Diplomacy"),
}
Region = Literal[
    "Southeast Asia",
    "South Asia",
    "East Asia",
    "Central Asia",
    "Pacific",
    "Africa",
    "Middle East",
    "Europe",
    "Americas",
]
REGION_LABELS: dict[str, str] = {
    "Southeast Asia": N_("Southeast Asia"),
    "South Asia": N_("South Asia"),
    "East Asia": N_("East Asia"),
    "Central Asia": N_("Central Asia"),
    "Pacific": N_("Pacific"),
    "Africa": N_("Africa"),
    "Middle East": N_("Middle East"),
    "Europe": N_("Europe"),
    "Americas": N_("Americas"),
}


PUBLISHER_TYPE_LABELS: dict[PublisherType, str] = {
    "official": N_("Official"),
    "news": N_("News media"),
    "research": N_("Research"),
    "other": N_("Other publisher"),
}
# Analysis and views (issue 20): what kind of piece it is, and the themes the site groups them by.
AnalysisForm = Literal[
    "commentary",
    "research-paper",
    "ngo-statement",
    "diet-question",
    "cabinet-answer",
    "state-media-commentary",
]
ANALYSIS_FORM_LABELS: dict[AnalysisForm, str] = {
    "commentary": N_("Commentary"),
    "research-paper": N_("Research paper"),
    "ngo-statement": N_("Statement by a civil-society group"),
    "diet-question": N_("Question in the Diet"),
    "cabinet-answer": N_("Cabinet answer to the Diet"),
    "state-media-commentary": N_("State-media commentary"),
}
Theme = Literal[
    "strategy",
    "maritime-security",
    "pacifism-and-arms-exports",
    "development-aid",
    "oversight",
    "recipients-views",
    "budget-and-scale",
    "reactions-abroad",
]
THEME_LABELS: dict[Theme, str] = {
    "strategy": N_("Strategy and regional security"),
    "maritime-security": N_("Maritime security"),
    "pacifism-and-arms-exports": N_("Pacifism, the Constitution and arms exports"),
    "development-aid": N_("OSA and development aid"),
    "oversight": N_("Oversight, transparency and safeguards"),
    "recipients-views": N_("Recipients' needs and views"),
    "budget-and-scale": N_("Budget and scale"),
    "reactions-abroad": N_("Reactions abroad"),
}
NO_AUTHOR = "no author named"  # what an analysis record's author says when the piece names nobody


def field(description: str, example: Any = None, expected: str | None = None, **kw: Any) -> Any:
    """A model field with its editor documentation attached."""
    extra: JsonDict | None = {"expected": expected} if expected else None
    examples = [example] if example is not None else None
    return Field(description=description, examples=examples, json_schema_extra=extra, **kw)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- Thai text (issue 13) --------------------------------------------------------------------------
# Every record kind, and every nested object with free text, may carry an optional `th:` mapping:
# the Thai version of its English text fields, under the same field names. A Thai field that is
# missing falls back to the English text on the Thai pages (marked lang="en"). Source titles stay
# in the document's own language, as bibliographies do, so sources have only a Thai `note`.


def thai(english: str, example: str) -> Any:
    """A field of a `th:` mapping: the Thai version of an English field of the same name."""
    return field(f"{english} in Thai.", example, default=None)


def thai_mapping(what: str) -> Any:
    """The optional `th:` field of a record kind or nested object."""
    return field(
        f"Thai text of this {what}: the same field names as the English ones, each optional.",
        None,
        default=None,
    )


class ReadingTh(Strict):
    value: Title | None = thai("What this reading says", "เรือตรวจการณ์ 4 ลำ")
    according_to: Name | None = thai("Who says it", "สำนักข่าวจิจิ")


class DisputeTh(Strict):
    topic: Title | None = thai("What the sources disagree about", "จำนวนเรือตรวจการณ์")


class RecipientTh(Strict):
    name: Name | None = thai("The country's name", "ฟิลิปปินส์")
    notes: Note | None = thai("Context for readers", "ได้รับ OSA ทุกปี")


class ExchangeOfNotesTh(Strict):
    place: Name | None = thai("Where the notes were exchanged", "มะนิลา")


class ItemTh(Strict):
    name: Name | None = thai("What was given", "ระบบเรดาร์ชายฝั่ง")
    note: Note | None = thai("Detail", "ยาว 18 เมตร")


class LifecycleStepTh(Strict):
    description: Note | None = thai("What was delivered or handed over", "เรดาร์ห้าชุด")


class EquipmentTh(Strict):
    title: Title | None = thai("The project's title", "ระบบเรดาร์ชายฝั่งสำหรับกองทัพเรือฟิลิปปินส์")
    force: Name | None = thai("The receiving force", "กองทัพเรือฟิลิปปินส์")
    notes: Note | None = thai("Context for readers", "โครงการแรกของ OSA")


class PartnerTh(Strict):
    name: Name | None = thai("The partner country's name", "ฟิลิปปินส์")


class AgreementTh(Strict):
    title: Title | None = thai("The agreement's title", "ความตกลงญี่ปุ่น–ฟิลิปปินส์ว่าด้วยการโอนยุทโธปกรณ์")
    place: Name | None = thai("Where it was signed", "มะนิลา")
    notes: Note | None = thai("Context for readers", "ฉบับแรกกับสมาชิกอาเซียน")


class MilestoneTh(Strict):
    title: Title | None = thai("What happened", "สภาความมั่นคงแห่งชาติรับรองแนวทาง OSA")
    summary: Note | None = thai("Context", "แนวทางนี้ก่อตั้ง OSA")
    notes: Note | None = thai("Context for readers", "บันทึกเพิ่มเติม")


class BudgetTh(Strict):
    notes: Note | None = thai("Context for readers", "ปีแรกของ OSA")


class NotesTh(Strict):
    notes: Note | None = thai("Context for readers", "รายงานจากแหล่งข่าวที่ไม่เปิดเผยชื่อ")


class SourceTh(Strict):
    note: Note | None = thai("What to know about this source", "รายงานที่อ้างกระทรวง")


class AnalysisTh(Strict):
    argument: Note | None = thai(
        "The piece's argument, in your own words", "บทความเสนอว่า OSA ช่วยเสริมความมั่นคงทางทะเล"
    )
    author: Name | None = thai("The author's name", "ไม่ระบุชื่อผู้เขียน")
    publisher: Name | None = thai("The publisher's name", "ศูนย์ศึกษาระหว่างประเทศ")
    note: Note | None = thai("What to know about this record", "วันที่ได้มาจากที่อยู่ของหน้า")


# --- end of Thai text ------------------------------------------------------------------------------


class Reading(Strict):
    """One source's version of a contested fact."""

    value: Title = field("What this reading says.", "4 patrol boats")
    according_to: Name | None = field(
        "Who says it, when that differs from the source's publisher; required when no source is on record.",
        "NHK and Jiji",
        default=None,
    )
    sources: list[RecordId] = field(
        "Ids of the sources that state this reading. Leave it empty ([]) only when no such source can be "
        "found, and say in according_to who gave the reading: the site then shows 'no source on record'.",
        ["mofa-en-2023-11-03-philippines"],
        default_factory=list,
    )
    th: ReadingTh | None = thai_mapping("reading")


class Dispute(Strict):
    """A fact on which the sources disagree; every reading is shown."""

    topic: Title = field("What the sources disagree about.", "Number of patrol boats")
    readings: list[Reading] = field(
        "Each reading with its sources, two or more.",
        min_length=2,
        expected="a list of two or more readings",
    )
    th: DisputeTh | None = thai_mapping("dispute")


class Cited(Strict):
    """Fields every record that states facts shares."""

    confidence: Confidence = field(
        "How sure the record is: confirmed by its sources, reported by one source only, "
        "or contested between sources.",
        "confirmed",
        expected="one of confirmed, reported, contested",
        default="confirmed",
    )
    disputes: list[Dispute] = field(
        "For a contested record: each disputed fact with every reading.", default_factory=list
    )
    notes: Note | None = field("Context for readers, in the project's own words.", None, default=None)

    @model_validator(mode="after")
    def _contested_needs_disputes(self) -> Cited:
        if self.confidence == "contested" and not self.disputes:
            raise ValueError("a contested record needs a 'disputes' list showing each reading")
        if self.disputes and self.confidence != "contested":
            raise ValueError("a record with 'disputes' must have confidence: contested")
        return self


class Recipient(Cited):
    """A country that receives, or has been designated to receive, OSA."""

    name: Name = field("The country's short English name.", "Philippines")
    local_name: Name | None = field("The name in the country's own language.", "ประเทศไทย", default=None)
    iso3: Iso3 = field(
        "ISO 3166-1 alpha-3 code.",
        "PHL",
        expected="an ISO 3166-1 alpha-3 country code such as PHL",
    )
    region: Region = field("World region, for grouping.", "Southeast Asia")
    sources: list[RecordId] = field(
        "Sources on the country's part in OSA, if any. Its status (recipient or designated only) is derived "
        "from the equipment and designation records.",
        default_factory=list,
    )
    th: RecipientTh | None = thai_mapping("recipient")


class ExchangeOfNotes(Strict):
    date: Date = field("When the notes were exchanged.", "2023-11-03")
    place: Name | None = field("Where they were exchanged.", "Manila", default=None)
    th: ExchangeOfNotesTh | None = thai_mapping("exchange of notes")


class Item(Strict):
    name: Name = field("What was given.", "coastal radar system")
    quantity: int | None = field(
        "How many, when a source says.",
        5,
        gt=0,
        le=MAX_QUANTITY,
        expected="a whole number above zero, at most a million",
        default=None,
    )
    note: Note | None = field("Detail, with its source in the record's sources.", None, default=None)
    th: ItemTh | None = thai_mapping("item")


class LifecycleStep(Strict):
    stage: LifecycleStage = field("Which step.", "handover")
    date: Date | Literal["unknown"] = field(
        "When it happened, at the precision known, or 'unknown' when no page read dates it "
        "(the step is then shown as undated and left off the timeline).",
        "2026-02-11",
        expected="a date (YYYY-MM-DD, YYYY-MM or YYYY) or 'unknown'",
    )

    def known_date(self) -> PartialDate | None:
        """The step's date, or None when no source dates it."""
        return self.date if isinstance(self.date, PartialDate) else None

    description: Note | None = field("What was delivered or handed over.", "Five radars", default=None)
    sources: SourceIds
    th: LifecycleStepTh | None = thai_mapping("step")


class Equipment(Cited):
    """One OSA project: one exchange of notes, one package of equipment."""

    title: Title = field("A short title for the project.", "Coastal radars for the Philippine Navy")
    recipient: RecordId = field("The recipient's id.", "philippines", expected="a recipient id")
    fiscal_year: int = field(
        "The Japanese fiscal year (April to March) whose budget funds it.",
        2024,
        ge=FIRST_FISCAL_YEAR,
        le=LAST_FISCAL_YEAR,
        expected="a whole-number Japanese fiscal year such as 2024",
    )
    force: Name | None = field("The receiving force.", "Philippine Navy", default=None)
    domain: Domain = field("Main domain of the equipment.", "maritime")
    purpose: Purpose | None = field(
        "Which of OSA's three areas of cooperation it serves, when a source says.", None, default=None
    )
    amount_jpy: int | None = field(
        "Grant amount in yen, as the source states it.",
        600_000_000,
        ge=0,
        le=MAX_AMOUNT_JPY,
        expected="a whole number of yen, zero or more",
        default=None,
    )
    exchange_of_notes: ExchangeOfNotes | None = field("The exchange of notes.", None, default=None)
    items: list[Item] = field("What was given.", None, default_factory=list)
    lifecycle: list[LifecycleStep] = field(
        "Later steps (delivery, handover), each with its source.", None, default_factory=list
    )
    sources: SourceIds
    th: EquipmentTh | None = thai_mapping("project")


class Partner(Strict):
    name: Name = field("The partner country's name.", "Philippines")
    iso3: Iso3 = field(
        "ISO 3166-1 alpha-3 code.",
        "PHL",
        expected="an ISO 3166-1 alpha-3 country code such as PHL",
    )
    th: PartnerTh | None = thai_mapping("partner")


class Agreement(Cited):
    """An Agreement concerning the Transfer of Defense Equipment and Technology."""

    title: Title = field("The agreement's title.", "Japan–Philippines defence equipment transfer agreement")
    partner: Partner = field("The partner country.", {"name": "Philippines", "iso3": "PHL"})
    signed: Date = field("When it was signed, at the precision known.", "2016-02-29")
    in_force: Date | None = field("When it entered into force, if known.", None, default=None)
    place: Name | None = field("Where it was signed.", "Manila", default=None)
    sources: SourceIds
    th: AgreementTh | None = thai_mapping("agreement")


class Milestone(Cited):
    """A dated event in OSA's history, for the timeline."""

    title: Title = field("What happened.", "OSA implementation guidelines adopted")
    date: Date = field("When, at the precision known.", "2023-04-05")
    category: MilestoneCategory = field("Kind of event.", "policy", default="policy")
    summary: Note | None = field("One or two sentences of context.", None, default=None)
    sources: SourceIds
    th: MilestoneTh | None = thai_mapping("milestone")


class Budget(Cited):
    """OSA's budget for one Japanese fiscal year."""

    fiscal_year: int = field(
        "The Japanese fiscal year.",
        2024,
        ge=FIRST_FISCAL_YEAR,
        le=LAST_FISCAL_YEAR,
        expected="a whole-number Japanese fiscal year such as 2024",
    )
    amount_jpy: int = field(
        "The amount in yen, as the source states it.",
        5_000_000_000,
        ge=0,
        le=MAX_AMOUNT_JPY,
        expected="a whole number of yen, zero or more",
    )
    approximate: bool = field("True when the source says 'about'.", False, default=False)
    stage: BudgetStage = field(
        "'initial' for an enacted initial budget, 'proposal' for a Cabinet draft.",
        "initial",
        default="initial",
    )
    decided: Date | None = field("When it was decided or proposed, if known.", None, default=None)
    sources: SourceIds
    th: BudgetTh | None = thai_mapping("budget")


class DesignatedCountry(Cited):
    """One country reported as chosen or eligible for a fiscal year's OSA."""

    recipient: RecordId = field("The recipient's id.", "thailand", expected="a recipient id")
    reported: Date = field(
        "When the designation was first reported, at the precision the source gives.", "2025-06"
    )
    sources: SourceIds
    th: NotesTh | None = thai_mapping("designated country")


class Designation(Strict):
    """The countries reported as chosen or eligible for one fiscal year's OSA."""

    fiscal_year: int = field(
        "The Japanese fiscal year; the file is named after it.",
        2025,
        ge=FIRST_FISCAL_YEAR,
        le=LAST_FISCAL_YEAR,
        expected="a whole-number Japanese fiscal year such as 2024",
    )
    countries: list[DesignatedCountry] = field(
        "Each country designated for the year, with when it was reported and its sources.",
        [
            {
                "recipient": "thailand",
                "reported": "2025-06",
                "confidence": "reported",
                "sources": ["japantoday-2025-fy2025-recipients"],
            }
        ],
        min_length=1,
        expected="a list of one or more countries",
    )
    notes: Note | None = field("Context for readers, in the project's own words.", None, default=None)
    th: NotesTh | None = thai_mapping("designation list")


class Source(Strict):
    """A public document that records cite."""

    title: Title = field("The document's title, or a description of it.", "Exchange of notes on OSA")
    publisher: Name = field("Who published it.", "Ministry of Foreign Affairs of Japan")
    originating_publisher: Name | None = field(
        "Who wrote the story, when the site that carries it did not: the news agency of a wire story "
        "(Jiji Press, Kyodo News, AFP, Reuters, PTI, Bernama). Left out, it is the publisher. The "
        "confirmed rule counts originating publishers, so one wire story on two sites counts once.",
        "Jiji Press",
        default=None,
    )
    publisher_type: PublisherType = field(
        "What kind of publisher: " + "; ".join(f"{k}: {v}" for k, v in PUBLISHER_TYPES.items()) + ".",
        "official",
        expected="one of official, news, research, other",
    )
    url: Url = field(
        "Its address (http or https).",
        "https://www.mofa.go.jp/",
        expected="a web address starting with http:// or https://",
    )
    published: Date | Literal["unknown"] = field(
        "When it was published, at the precision known, or 'unknown'.",
        "2023-11-03",
        expected="a date (YYYY-MM-DD, YYYY-MM or YYYY) or 'unknown'",
    )
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] | None = field(
        "Language code when not English.", "ja", expected="a language code such as ja", default=None
    )
    note: Note | None = field("What to know about this source.", None, default=None)
    th: SourceTh | None = thai_mapping("source")

    @property
    def origin(self) -> str:
        """Who wrote the document: the originating publisher, or else the publisher."""
        return self.originating_publisher or self.publisher


_QUOTE = TextRule(160, one_line=True)  # a short quoted phrase from an analysis piece
QuoteText = Annotated[str, _QUOTE, AfterValidator(_QUOTE.check), WithJsonSchema(_QUOTE.json_schema())]


def _unique(values: list[Any]) -> list[Any]:
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        raise ValueError(
            f"expected each value once, received {', '.join(map(repr, repeated))} more than once"
        )
    return values


class Analysis(Strict):
    """A piece of analysis or a view on OSA, summarised in the site's own words; the view is the author's."""

    title: Title = field(
        "The piece's title, in its own language, or a description of it when its title was not read.",
        "Japan's Official Security Assistance: progress and prospects",
    )
    author: Name = field(
        f"Who wrote it, as the piece names them (several names joined by commas); write '{NO_AUTHOR}' "
        "when the piece names nobody. Never guess.",
        NO_AUTHOR,
        expected=f"the author's name, or '{NO_AUTHOR}'",
    )
    publisher: Name = field("Who published it.", "International Studies Center (ISC), Bangkok")
    publisher_type: PublisherType = field(
        "What kind of publisher: " + "; ".join(f"{k}: {v}" for k, v in PUBLISHER_TYPES.items()) + ".",
        "research",
        expected="one of official, news, research, other",
    )
    form: AnalysisForm = field(
        "What kind of piece: " + ", ".join(ANALYSIS_FORM_LABELS) + ".",
        "research-paper",
        expected="one of " + ", ".join(ANALYSIS_FORM_LABELS),
    )
    date: Date | Literal["unknown"] = field(
        "When it was published (or, for a Diet question or answer, submitted), at the precision the "
        "page gives, or 'unknown'.",
        "2025-05",
        expected="a date (YYYY-MM-DD, YYYY-MM or YYYY) or 'unknown'",
    )
    url: Url = field(
        "The address of the piece itself (http or https).",
        "https://www.isc.mfa.go.th/",
        expected="a web address starting with http:// or https://",
    )
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] | None = field(
        "Language code when not English.", "ja", expected="a language code such as ja", default=None
    )
    argument: Note = field(
        "The piece's argument in a few sentences of your own, told fairly and as the author's view "
        "('The paper argues that ...'); the site takes no side.",
        "The paper argues that OSA helps partners watch their seas, and that its scale is still small.",
    )
    quotes: Annotated[list[QuoteText], AfterValidator(_unique)] = field(
        "Short phrases quoted word for word from the piece (at most three, 160 characters each); the "
        "site shows them in quotation marks, cited to the piece.",
        ["a new pillar of security cooperation"],
        max_length=3,
        expected="a list of at most three short quotations",
        default_factory=list,
    )
    themes: Annotated[list[Theme], AfterValidator(_unique)] = field(
        "What it discusses, from the fixed list of themes: " + ", ".join(THEME_LABELS) + ".",
        ["strategy", "maritime-security"],
        min_length=1,
        expected="a list of one or more themes: " + ", ".join(THEME_LABELS),
    )
    recipients: Annotated[list[RecordId], AfterValidator(_unique)] = field(
        "Ids of the recipients it discusses.", ["philippines"], default_factory=list
    )
    projects: Annotated[list[RecordId], AfterValidator(_unique)] = field(
        "Ids of the projects (equipment records) it discusses.",
        ["2023-philippines-coastal-radars"],
        default_factory=list,
    )
    note: Note | None = field(
        "What to know about this record: where its date comes from, what part of the page was read.",
        None,
        default=None,
    )
    th: AnalysisTh | None = thai_mapping("analysis record")

    def named_author(self) -> str | None:
        """The author, or None when the piece names nobody."""
        return None if self.author.strip().casefold() == NO_AUTHOR else self.author


KINDS: dict[str, type[BaseModel]] = {
    "recipients": Recipient,
    "equipment": Equipment,
    "agreements": Agreement,
    "milestones": Milestone,
    "budgets": Budget,
    "designations": Designation,
    "sources": Source,
    "analysis": Analysis,
}

# Each kind's names: in file names and schema ids, for readers, and as the title of its table.
SINGULAR = {
    "recipients": "recipient",
    "equipment": "equipment",
    "agreements": "agreement",
    "milestones": "milestone",
    "budgets": "budget",
    "designations": "designation",
    "sources": "source",
    "analysis": "analysis",
}
KIND_NOUNS = {
    "recipients": N_("recipient"),
    "equipment": N_("project"),
    "agreements": N_("agreement"),
    "milestones": N_("milestone"),
    "budgets": N_("budget"),
    "designations": N_("designation list"),
    "sources": N_("source"),
    "analysis": N_("analysis or view"),
}
KIND_TITLES = {
    "recipients": N_("Recipients"),
    "equipment": N_("Projects (equipment register)"),
    "agreements": N_("Transfer agreements"),
    "milestones": N_("Milestones"),
    "budgets": N_("Budgets"),
    "designations": N_("Designations (countries chosen for a fiscal year)"),
    "sources": N_("Sources"),
    "analysis": N_("Analysis and views"),
}

YEAR_KINDS = ("budgets", "designations")  # kinds whose file is named after its fiscal year

Record = Recipient | Equipment | Agreement | Milestone | Budget | Designation | Source | Analysis

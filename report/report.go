// Package report holds the canonical types every stage of a moocreport build
// shares, from ingest to the renderers.
//
// The flow is one direction:
//
//	study.yaml ─► study ─► ingest ─► measures (+ stats) ─► charts ─► render/{html,pdf} ─► site
//
// Ingest turns raw exports into the tables in Dataset; learner identities are
// pseudonymised there, so no type in this package ever carries a username,
// e-mail address, real name or IP address. Measures turn a Dataset into
// Measures, Tables and Figures; renderers draw those and compute nothing.
package report

import "time"

// Learner is one learner's enrolment in one course, from an enrolled-learner
// profile export. ID is a pseudonym (see ingest.Pseudonym), stable for
// the same raw identity and study salt.
type Learner struct {
	ID          string
	Course      string // course key from study.yaml, e.g. "eat"
	YearOfBirth int    // 0 when unknown
	Gender      string // edX code as exported: "m", "f", "o" or "" (unknown)
	Education   string // edX code as exported: "p", "m", "b", "a", "hs", "jhs", "el", "none", "other" or ""
	Country     string // ISO 3166-1 alpha-2, "" when unknown
	Mode        string // enrollment track: "audit", "verified", "honor", "professional", …
	Verified    bool   // identity verification status is "verified"
	// AgeBand is set when the source gives an age band instead of a year
	// of birth (OULAD's "0-35"); measures then use it as given.
	AgeBand string
	Region  string // sub-national region where the source has one (OULAD)
	// Enrolled and Unenrolled are when the learner (last) enrolled and, if
	// they left, unenrolled; zero when the sources do not say.
	Enrolled   time.Time
	Unenrolled time.Time
}

// Grade is one learner's row from an edX grade report.
type Grade struct {
	Learner              string // pseudonym
	Course               string
	Grade                float64 // 0–1
	Track                string  // Enrollment Track
	CertificateEligible  bool
	CertificateDelivered bool
	CertificateType      string
	// Result is the platform's own final result where it records one
	// (OULAD: "Pass", "Fail", "Distinction", "Withdrawn"); "" otherwise.
	Result string
	// Assignments maps an assignment column ("Homework 1", "Exam") to its
	// score in 0–1; a missing entry means the export had "Not Attempted" or
	// an empty cell.
	Assignments map[string]float64
}

// EventKind classifies a tracking-log event for the activity measures.
type EventKind uint8

// Event kinds. KindOther covers every event that counts as activity but
// belongs to none of the named kinds.
const (
	KindOther EventKind = iota
	KindPage
	KindVideo
	KindProblem
	KindForum
	KindEnrollment
	NumKinds
)

var kindNames = [NumKinds]string{"other", "page", "video", "problem", "forum", "enrollment"}

// String returns the kind's name as used in ids and the README.
func (k EventKind) String() string {
	if k < NumKinds {
		return kindNames[k]
	}
	return "unknown"
}

// LearnerWeek is the per-learner, per-course-week activity aggregate that
// ingest produces from tracking logs. It is the only shape in which activity
// leaves ingest, so it can equally be computed by an external SQL engine.
type LearnerWeek struct {
	Course  string
	Learner string // pseudonym
	Week    int    // course week, 1-based; 0 is the week before start, negative earlier
	Events  [NumKinds]int
	Days    uint8 // distinct days (UTC) with any activity in this week, 0–7
	// Sessions and Seconds measure time on task: a learner's events are
	// split into sessions wherever two events are further apart than the
	// study's session gap; a session's time is from its first to its last
	// event and counts in the week it starts.
	Sessions int
	Seconds  int
	// Insights counts the week's events as Open edX Insights counts its
	// engagement kinds, for the insights preset.
	Insights InsightsWeek
}

// InsightsWeek is a learner week's events of the three kinds Open edX
// Insights reports: "played video" is a play_video event from the browser
// or the mobile app only, "attempted problem" the server's problem_check,
// "posted forum" a server edx.forum.*.created event.
type InsightsWeek struct {
	PlayedVideo, AttemptedProblem, PostedForum int
}

// Total returns the number of events of all kinds except enrollment.
func (w LearnerWeek) Total() int {
	n := 0
	for k, c := range w.Events {
		if EventKind(k) != KindEnrollment {
			n += c
		}
	}
	return n
}

// Response is one survey response. Learner is the pseudonym of the linked
// learner, or "" when the response could not be linked.
type Response struct {
	Instrument string // instrument key from study.yaml, e.g. "pre"
	Course     string
	Learner    string
	Finished   bool
	// Answers maps a question id (the Qualtrics column id, e.g. "Q3_2") to the
	// answer as exported (choice text or numeric code). Free-text questions
	// are kept only if the study declares them, and never reach a renderer.
	Answers map[string]string
}

// Reach is how much of a course's structure one learner visited, for
// participation classes such as HarvardX's "explored" (at least half of
// the chapters).
type Reach struct {
	Course   string
	Learner  string
	Chapters int // distinct chapters with at least one page view
}

// ProblemStat aggregates the submissions to one problem. Problem ids are
// course content ids, not personal data.
type ProblemStat struct {
	Course        string
	Problem       string
	Learners      int // distinct learners who submitted
	FirstAttempts int // submissions that were a learner's first attempt
	FirstCorrect  int // first attempts that were correct
	// Name is the display name the tracking logs give the problem
	// (context.module.display_name of its graded submissions); "" when
	// the logs give none or the problem comes from another source.
	Name string
	// FirstSeen is the time of the problem's first graded submission in
	// the tracking logs; zero when it comes from another source.
	FirstSeen time.Time
}

// Skip records input that a reader did not turn into a row, with the reason.
// Nothing is dropped silently: every Skip is counted in the data-quality
// section and in measures.json.
type Skip struct {
	File   string // path relative to the study directory
	Reason string // short, stable reason, e.g. "malformed JSON", "other course"
	Count  int
	// Course is the key of the course the file was read for; "" when the
	// file was read for several courses (a tracking log they share) and
	// the skip is the file's, counted once, or when no course applies.
	Course string
}

// Dataset is the canonical tables ingest produces for a whole study.
type Dataset struct {
	Learners  []Learner
	Grades    []Grade
	Activity  []LearnerWeek
	Responses []Response
	Reach     []Reach
	Problems  []ProblemStat
	// Chapters is the number of chapters per course key, from the course
	// structure where known, else the distinct chapters seen in the logs.
	Chapters map[string]int
	// Outline is, per course key, every block of the course structure in
	// course order with its display name; nil for a course whose
	// structure the study does not have.
	Outline map[string][]OutlineBlock
	// Assessments is, per course key, the grade report's assignment
	// columns in the order of its header, the course's order.
	Assessments map[string][]string
	Skips       []Skip
	// Inputs lists every raw file read, relative to the study directory,
	// sorted, for the manifest.
	Inputs []string
}

// Measure is one computed number with its provenance. IDs are stable across
// builds: they derive from what is measured, never from build order.
type Measure struct {
	ID     string  `json:"id"`
	Course string  `json:"course,omitempty"`
	Label  string  `json:"label"`
	Value  float64 `json:"value"`
	// N is the number of learners the value is of (a count's own value).
	// On a withheld measure, 0 means disclosure control withheld N too:
	// it is then written to JSON as null.
	N          int    `json:"n"`
	Unit       string `json:"unit,omitempty"` // "learners", "%", "0–1", …
	Definition string `json:"definition"`
	// Withheld is set when disclosure control withheld the value; Value
	// is then zero, must not be shown, and is written to JSON as null.
	Withheld Withheld `json:"withheld,omitempty"`
	// Text is the value formatted for reading (e.g. "41.2 %", "<5", "[c]",
	// or an APA string for a test result).
	Text string `json:"text"`
	// Test carries a test result's parts as numbers; nil for a measure
	// that is not a test, or whose test was withheld or not computable.
	Test *TestResult `json:"test,omitempty"`
	// CI is the confidence interval of an interval measure (a pass rate,
	// a weekly active share); nil when there is none or it is withheld.
	CI *Interval `json:"ci,omitempty"`
}

// Cell is one table cell: its text as shown, and the number behind it when
// there is one (for CSV downloads and alt texts).
type Cell struct {
	Text     string   `json:"text"`
	Value    *float64 `json:"value,omitempty"`
	Withheld Withheld `json:"withheld,omitempty"`
}

// Table is a titled grid of cells. The first column holds row labels.
type Table struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Columns    []string `json:"columns"`
	Rows       [][]Cell `json:"rows"`
	Note       string   `json:"note,omitempty"`
	Definition string   `json:"definition,omitempty"`
	// DefinedIn is the title of the paragraph of Methods and definitions
	// that defines the table's measures; renderers link to it rather than
	// print the definition beside every table that uses it. Definition
	// then holds only what is particular to this table, if anything.
	DefinedIn string `json:"defined_in,omitempty"`
	// Detail marks reference detail behind a summary table (every file's
	// skipped records, say): the site shows it collapsed and the PDF,
	// when it carries the tables' data as attachments, names the attached
	// file instead of printing every row. Its numbers are published in
	// full either way.
	Detail bool `json:"detail,omitempty"`
}

// FigureKind says how a Figure is drawn.
type FigureKind string

// Figure kinds.
const (
	FigureBars      FigureKind = "bars"      // grouped bars: one group per category, one bar per series
	FigureLines     FigureKind = "lines"     // one line per series over numeric X
	FigureHistogram FigureKind = "histogram" // bars over contiguous bins (Categories are bin labels)
	// FigureDiverging draws answers on an ordered scale (Likert items) as
	// horizontal stacked bars centred on the scale's neutral point, so
	// agreement reads to the right and disagreement to the left on the same
	// zero. Categories are the items, in the order to draw them; Series are
	// the scale levels from lowest to highest, every level even when nobody
	// chose it, so the legend always shows the whole scale; values are
	// shares in % of each item's answers. The middle level of an odd scale is
	// split half left, half right of zero. NaN marks a withheld share.
	FigureDiverging FigureKind = "diverging"
	// FigureForest draws effect sizes with their confidence intervals, one
	// row per category (a test), a point at the estimate and a whisker
	// over the interval (Series.Lo and Hi), against a line at zero (no
	// difference), so the tests of a comparison read as one picture.
	// Values are in the effect size's own unit (a difference of
	// proportions); NaN marks a test without a result.
	FigureForest FigureKind = "forest"
)

// Series is one named row of values in a Figure. NaN marks a withheld or
// missing value, which charts leave out and mark.
type Series struct {
	Name   string    `json:"name"`
	Values []float64 `json:"values"`
	// Withheld, when set, says for each NaN value why it is not drawn:
	// WithheldPrimary or WithheldSecondary; "" (or a nil slice) is data
	// that is missing, not withheld.
	Withheld []Withheld `json:"withheld,omitempty"`
	// Lo and Hi are a confidence band drawn around the line, so a reader
	// sees how far the sample leaves each value uncertain: same length as
	// Values, NaN where there is none (no CI, or the value is withheld).
	// Both nil means no band. Only line charts draw them.
	Lo []float64 `json:"lo,omitempty"`
	Hi []float64 `json:"hi,omitempty"`
}

// Figure is a chart's data: what the charts package draws and the renderers
// place. The Table holds exactly the numbers drawn.
type Figure struct {
	ID      string     `json:"id"`
	Kind    FigureKind `json:"kind"`
	Title   string     `json:"title"`
	Caption string     `json:"caption"`
	// DefinedIn is the title of the paragraph of Methods and definitions
	// that defines what the figure shows, linked from its caption.
	DefinedIn  string   `json:"defined_in,omitempty"`
	XLabel     string   `json:"x_label"`
	YLabel     string   `json:"y_label"`
	Categories []string `json:"categories"` // X positions (category names, bin labels or week numbers)
	Series     []Series `json:"series"`
	Alt        string   `json:"alt"` // text alternative generated from the data
	Table      Table    `json:"table"`
	// Marked lists the categories to set apart — the weeks whose
	// difference is significant after Holm adjustment — and MarkLabel says
	// what a mark means, for the legend. Line, column and forest charts
	// shade the marked categories' slots; nil marks none.
	Marked    []string `json:"marked,omitempty"`
	MarkLabel string   `json:"mark_label,omitempty"`
	// Range is the value axis's span, [low, high], when the values have
	// a natural one that does not start at zero (mean answers on a scale
	// scored 1 to 5); charts widen it to any value outside. Nil spans the
	// values and zero.
	Range []float64 `json:"range,omitempty"`
}

// Block is one item of a Section's body: exactly one field is set.
type Block struct {
	Markdown string // narrative Markdown (from content/ or generated)
	// ID names a generated Markdown block that a section's narrative may
	// place with {{< text id >}} (the key findings' sentences); such a
	// block is left out of a section whose narrative file does not place
	// it. Empty for every other block.
	ID     string
	Table  *Table  // a numbered table
	Figure *Figure // a numbered figure
	// OnRequest marks a generated table that holds the same numbers as a
	// figure beside it (whose data table has them all): it is in the
	// report only where the narrative places it with {{< table id >}}, so
	// a reader is not shown every number twice.
	OnRequest bool
}

// Section is one part of the report, in outline order.
type Section struct {
	ID     string
	Title  string
	Blocks []Block
}

// Document is everything a renderer needs to draw one version of a report.
// Renderers read it and compute nothing.
type Document struct {
	Title    string
	Subtitle string
	Authors  []string
	Version  string
	StudyID  string
	Built    time.Time // from SOURCE_DATE_EPOCH, UTC
	Tool     string    // "moocreport v0.1.0"
	Sections []Section
	Measures []Measure
	// Draft marks a preview that is not a published version: every page
	// and the PDF say so.
	Draft bool
}

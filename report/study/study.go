// Package study reads and validates study.yaml, the one description of a
// study: its courses, data sources, survey instruments and scales, and
// privacy rules. Nothing else in moocreport reads YAML.
//
// Decoding is strict: an unknown key or a value of the wrong type is an
// error naming the file and line, so a typo never silently changes a report.
package study

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Study is a parsed, validated study.yaml.
type Study struct {
	ID       string   `yaml:"id"`
	Title    string   `yaml:"title"`
	Subtitle string   `yaml:"subtitle"`
	Authors  []string `yaml:"authors"`
	// Version names the published version: public/<version>/.
	Version string `yaml:"version"`
	// Summary is one line shown in the list of versions.
	Summary string `yaml:"summary"`
	// Salt keys the pseudonyms. The environment variable MOOCREPORT_SALT,
	// when set, overrides it, so a real study need not commit its key.
	Salt    string           `yaml:"salt"`
	Privacy Privacy          `yaml:"privacy"`
	Courses []Course         `yaml:"courses"`
	Surveys []Survey         `yaml:"surveys"`
	Scales  map[string]Scale `yaml:"scales"`
	// Activity and Comparisons configure the research measures; see
	// analysis.go.
	Activity    Activity     `yaml:"activity"`
	Comparisons []Comparison `yaml:"comparisons"`
	// Outline orders the report's sections; empty means DefaultOutline.
	// Ids beyond the default ones are sections written only in content/.
	Outline []string `yaml:"outline"`
	// Appendix also writes the paper appendix, public/<version>/appendix/,
	// as `moocreport build -appendix` does; see output.go.
	Appendix bool `yaml:"appendix"`
	// PDF configures the archival PDF; Keywords go into its metadata.
	PDF      PDF      `yaml:"pdf"`
	Keywords []string `yaml:"keywords"`

	// Dir is the directory study.yaml was read from; source paths are
	// relative to it. File is the path of study.yaml itself.
	Dir  string `yaml:"-"`
	File string `yaml:"-"`
}

// Privacy holds the disclosure-control rules.
type Privacy struct {
	// MinCell is the smallest count published; smaller cells show as "<k".
	MinCell int `yaml:"min_cell"`
	// PublishText opts in to publishing free-text survey answers, with
	// e-mail addresses, URLs, phone numbers and learners' names and
	// usernames redacted. Off by default.
	PublishText bool `yaml:"publish_text"`
}

// Course is one course run in the study.
type Course struct {
	Key  string `yaml:"key"`  // short id used in measure ids, e.g. "eat"
	Name string `yaml:"name"` // display name
	// Short is the name used in table columns and chart legends, e.g.
	// "EAT101x"; it defaults to Name.
	Short    string `yaml:"short"`
	CourseID string `yaml:"course_id"`
	// Role is "study" or "baseline".
	Role string `yaml:"role"`
	// Start is the course start date (YYYY-MM-DD, UTC); week 1 begins then.
	Start Date `yaml:"start"`
	// Weeks is the course length in weeks, for weekly measures.
	Weeks int `yaml:"weeks"`
	// PassMark is the grade (0–1) at or above which a learner passed.
	PassMark float64  `yaml:"pass_mark"`
	Sources  []Source `yaml:"sources"`
}

// Source is one raw export. Path may be a glob (e.g. "logs/*.log.gz").
//
// The settings after Path say how to read the source, not what to measure
// (that is Study.Activity's job); each applies only to the formats named
// and is an error on any other, so a misplaced setting is never ignored.
type Source struct {
	Format string `yaml:"format"` // see Formats
	Path   string `yaml:"path"`
	// SessionGap (edx-tracking) splits a learner's events into sessions
	// wherever two are further apart; default DefaultSessionGap. YAML
	// durations: "30m", "1h".
	SessionGap time.Duration `yaml:"session_gap"`
	// LearnerID (edx-tracking) says which field identifies the learner:
	// "user_id" (default: context.user_id, else the username through the
	// profile) or "username" (the username through the profile first).
	LearnerID string `yaml:"learner_id"`
	// MaxBadLines (edx-tracking) is the share of a file's lines that may
	// be malformed before the file is refused; default 0.001 (0.1 %).
	MaxBadLines *float64 `yaml:"max_bad_lines"`
	Line        int      `yaml:"-"` // line in study.yaml, for errors
}

// DefaultSessionGap is the inactivity that ends a session when a source
// gives none: 30 minutes, the convention of web analytics and of most MOOC
// time-on-task studies.
const DefaultSessionGap = 30 * time.Minute

// DefaultMaxBadLines is the share of malformed tracking-log lines tolerated
// when a source gives none: a crash can leave a torn line, more is a bad
// file.
const DefaultMaxBadLines = 0.001

// Formats lists the course source formats ingest understands: edX's
// instructor exports (profile, grade report, problem grade report) and
// tracking logs, the edX research data package's LMS tables (TSV files or
// MySQL dumps), the course blocks API's course structure, OULAD, and the
// tables `moocreport sql` computes from tracking logs in an SQL engine
// (edx-activity, read in place of the logs).
//
// There is no format for the instructor dashboard's certificate report:
// it counts certificates per type, not per learner (per-learner status is
// in edx-grades and edx-rdp-certificates).
var Formats = []string{"edx-profile", "edx-grades", "edx-problem-grades", "edx-tracking", "edx-activity",
	"edx-rdp-userprofile", "edx-rdp-enrollment", "edx-rdp-certificates", "edx-rdp-studentmodule",
	"edx-course-blocks", "oulad"}

// Survey is one survey instrument export for one course.
type Survey struct {
	Key    string `yaml:"key"`    // instrument, e.g. "pre" or "post"
	Course string `yaml:"course"` // course key
	Title  string `yaml:"title"`
	Format string `yaml:"format"` // see SurveyFormats
	Path   string `yaml:"path"`
	// IDColumn names the column holding the learner's edX username, used to
	// link a response to a learner.
	IDColumn string `yaml:"id_column"`
	// Delimiter is ",", ";" or "tab"; empty means sniffed from the header
	// row.
	Delimiter string `yaml:"delimiter"`
	// FinishedColumn (format csv) names a column saying whether the
	// response was completed (True/False, Yes/No, 1/0); without it every
	// row counts as finished, as in Google Forms, which keeps only
	// submitted responses.
	FinishedColumn string     `yaml:"finished_column"`
	Questions      []Question `yaml:"questions"`
	Line           int        `yaml:"-"`
}

// SurveyFormats lists the survey export formats ingest understands:
// Qualtrics; LimeSurvey's CSV export with question codes as headers; and
// any one-header-row CSV (Google Forms, SurveyMonkey, Moodle, …) whose
// columns the questions name.
var SurveyFormats = []string{"qualtrics", "limesurvey", "csv"}

// surveyDelimiters are the values Survey.Delimiter takes.
var surveyDelimiters = []string{"", ",", ";", "tab"}

// Question declares one survey column and how to summarise it.
type Question struct {
	ID string `yaml:"id"` // column id in the export, e.g. "Q5_1"
	// Column is the export's column header when it is not ID, e.g. a
	// Google Forms column headed by the full question text; the answers
	// are still known by ID.
	Column string `yaml:"column"`
	Label  string `yaml:"label"`
	// Type is "single", "multi", "numeric", "likert" or "text". Text answers
	// are never published.
	Type  string `yaml:"type"`
	Scale string `yaml:"scale"` // for likert: key into Study.Scales
	// Options lists a select-all question's options; needed only for
	// options that contain a comma, which exports also use to join them.
	Options []string `yaml:"options"`
}

// Scale is a Likert scale: its labels from lowest to highest point.
type Scale struct {
	Labels     []string         `yaml:"labels"`
	ScaleItems `yaml:",inline"` // optional items and reverse-coded items; see analysis.go
}

// Date is a calendar date in study.yaml (YYYY-MM-DD), midnight UTC.
type Date struct{ time.Time }

// UnmarshalYAML parses YYYY-MM-DD.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse("2006-01-02", n.Value)
	if err != nil {
		return fmt.Errorf("line %d: want a date YYYY-MM-DD, got %q", n.Line, n.Value)
	}
	d.Time = t
	return nil
}

// DefaultOutline is the section order when study.yaml gives none.
var DefaultOutline = []string{"introduction", "learners", "activity", "performance", "surveys", "comparisons", "methods", "data-quality", "disclosure", "provenance"}

// Load reads, decodes and validates the study file at path.
func Load(path string) (*Study, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, b)
}

// Parse decodes and validates study.yaml content; path is used in errors and
// to resolve source paths.
func Parse(path string, b []byte) (*Study, error) {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&root); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var s Study
	dec = yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			return nil, fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
		}
		errs := make([]error, len(te.Errors))
		for i, msg := range te.Errors {
			errs[i] = fmt.Errorf("%s: %s", path, friendlier(msg))
		}
		return nil, errors.Join(errs...)
	}
	recordLines(&root, &s)
	s.File = path
	s.Dir = filepath.Dir(path)
	if v := os.Getenv("MOOCREPORT_SALT"); v != "" {
		s.Salt = v
	}
	for i := range s.Courses {
		if s.Courses[i].Short == "" {
			s.Courses[i].Short = s.Courses[i].Name
		}
	}
	if s.Privacy.MinCell == 0 {
		s.Privacy.MinCell = 5
	}
	if len(s.Outline) == 0 {
		s.Outline = DefaultOutline
	}
	if errs := s.validate(); len(errs) > 0 {
		for i, e := range errs {
			errs[i] = fmt.Errorf("%s: %w", path, e)
		}
		return nil, errors.Join(errs...)
	}
	return &s, nil
}

// recordLines copies the line numbers of sources and surveys from the YAML
// node tree, so later stages can point at them in errors.
func recordLines(root *yaml.Node, s *Study) {
	if len(root.Content) == 0 {
		return
	}
	doc := root.Content[0]
	seq := func(m *yaml.Node, key string) *yaml.Node {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				return m.Content[i+1]
			}
		}
		return nil
	}
	if cs := seq(doc, "courses"); cs != nil {
		for i, c := range cs.Content {
			if i >= len(s.Courses) {
				break
			}
			if src := seq(c, "sources"); src != nil {
				for j, n := range src.Content {
					if j < len(s.Courses[i].Sources) {
						s.Courses[i].Sources[j].Line = n.Line
					}
				}
			}
		}
	}
	if ss := seq(doc, "surveys"); ss != nil {
		for i, n := range ss.Content {
			if i < len(s.Surveys) {
				s.Surveys[i].Line = n.Line
			}
		}
	}
}

var unknownField = regexp.MustCompile(`^(line \d+): field (\S+) not found in type \S+$`)

var wrongType = regexp.MustCompile("^(line \\d+): cannot unmarshal !!(\\w+) `(.*)` into (\\S+)$")

// typeWords says in a user's words what a Go field type wants.
var typeWords = map[string]string{
	"int": "a whole number", "float64": "a number", "bool": "true or false", "string": "a text value",
	"[]string": "a list", "[]study.Course": "a list of courses", "[]study.Source": "a list of sources",
	"[]study.Survey": "a list of surveys", "[]study.Question": "a list of questions",
}

// friendlier rewords yaml.v3's decoding messages in the words of the file.
func friendlier(msg string) string {
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s: unknown key %q (see the study.yaml reference in the README)", m[1], m[2])
	}
	if m := wrongType.FindStringSubmatch(msg); m != nil {
		want, ok := typeWords[m[4]]
		if !ok {
			want = "a " + strings.TrimPrefix(m[4], "study.")
		}
		return fmt.Sprintf("%s: want %s, got %q", m[1], want, m[3])
	}
	return msg
}

var keyRE = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
var versionRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// validate collects every problem, as go vet does, rather than stopping at
// the first.
func (s *Study) validate() []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if s.ID == "" {
		bad("id: missing")
	}
	if s.Title == "" {
		bad("title: missing")
	}
	if !versionRE.MatchString(s.Version) || s.Version == "latest" {
		bad("version: want letters, digits, '.', '_' or '-' (not \"latest\"), got %q", s.Version)
	}
	if s.Salt == "" {
		bad("salt: missing (or set MOOCREPORT_SALT): pseudonyms need a secret key")
	}
	if s.Privacy.MinCell < 1 {
		bad("privacy.min_cell: want at least 1, got %d", s.Privacy.MinCell)
	}
	if len(s.Courses) == 0 {
		bad("courses: want at least one course")
	}
	keys := map[string]bool{}
	for i, c := range s.Courses {
		where := fmt.Sprintf("courses[%d]", i)
		if !keyRE.MatchString(c.Key) {
			bad("%s.key: want lower-case letters, digits and '-', got %q", where, c.Key)
		}
		if keys[c.Key] {
			bad("%s.key: %q used twice", where, c.Key)
		}
		keys[c.Key] = true
		if c.Name == "" {
			bad("%s.name: missing", where)
		}
		if c.CourseID == "" {
			bad("%s.course_id: missing", where)
		}
		if c.Role != "study" && c.Role != "baseline" {
			bad("%s.role: want \"study\" or \"baseline\", got %q", where, c.Role)
		}
		if c.Start.IsZero() {
			bad("%s.start: missing", where)
		}
		if c.Weeks < 1 || c.Weeks > 104 {
			bad("%s.weeks: want 1–104, got %d", where, c.Weeks)
		}
		if c.PassMark <= 0 || c.PassMark > 1 {
			bad("%s.pass_mark: want a grade in (0, 1], got %g", where, c.PassMark)
		}
		errs = append(errs, c.validateSourceMix(where)...)
		for j, src := range c.Sources {
			if !contains(Formats, src.Format) {
				bad("line %d: %s.sources[%d].format: want one of %s, got %q", src.Line, where, j, strings.Join(Formats, ", "), src.Format)
			}
			if src.Path == "" {
				bad("line %d: %s.sources[%d].path: missing", src.Line, where, j)
			}
			errs = append(errs, src.validate(fmt.Sprintf("line %d: %s.sources[%d]", src.Line, where, j))...)
		}
	}
	for i, sv := range s.Surveys {
		where := fmt.Sprintf("line %d: surveys[%d]", sv.Line, i)
		if !keyRE.MatchString(sv.Key) {
			bad("%s.key: want lower-case letters, digits and '-', got %q", where, sv.Key)
		}
		if !keys[sv.Course] {
			bad("%s.course: no course with key %q", where, sv.Course)
		}
		if !contains(SurveyFormats, sv.Format) {
			bad("%s.format: want one of %s, got %q", where, strings.Join(SurveyFormats, ", "), sv.Format)
		}
		if !contains(surveyDelimiters, sv.Delimiter) {
			bad("%s.delimiter: want \",\", \";\" or \"tab\" (or nothing, to sniff it), got %q", where, sv.Delimiter)
		}
		if sv.FinishedColumn != "" && sv.Format != "csv" {
			bad("%s.finished_column: only format csv takes it (%s knows its own)", where, sv.Format)
		}
		if sv.Path == "" {
			bad("%s.path: missing", where)
		}
		for j, q := range sv.Questions {
			switch q.Type {
			case "single", "multi", "numeric", "text":
			case "likert":
				if _, ok := s.Scales[q.Scale]; !ok {
					bad("%s.questions[%d].scale: no scale %q in scales", where, j, q.Scale)
				}
			default:
				bad("%s.questions[%d].type: want single, multi, numeric, likert or text, got %q", where, j, q.Type)
			}
			if q.ID == "" {
				bad("%s.questions[%d].id: missing", where, j)
			}
		}
	}
	errs = append(errs, s.validateAnalysis()...)
	errs = append(errs, s.validateOutput()...)
	names := make([]string, 0, len(s.Scales))
	for k := range s.Scales {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if len(s.Scales[k].Labels) < 2 {
			bad("scales.%s.labels: want at least 2 labels", k)
		}
	}
	seen := map[string]bool{}
	for _, sec := range s.Outline {
		if !keyRE.MatchString(sec) {
			bad("outline: section id %q: want lower-case letters, digits and '-'", sec)
		}
		if seen[sec] {
			bad("outline: section %q listed twice", sec)
		}
		seen[sec] = true
	}
	return errs
}

// validate checks the reading settings of a source: each only where its
// format uses it, and in range.
func (src Source) validate(where string) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	// edx-activity holds tables computed from tracking logs with these
	// settings (moocreport sql); the reader checks they still agree.
	tracking := src.Format == "edx-tracking" || src.Format == "edx-activity"
	if src.SessionGap != 0 && (!tracking || src.SessionGap < time.Second) {
		bad("%s.session_gap: want a duration of at least 1s on an edx-tracking source, got %s on %s", where, src.SessionGap, src.Format)
	}
	switch src.LearnerID {
	case "":
	case "user_id", "username":
		if !tracking {
			bad("%s.learner_id: only edx-tracking sources take it, not %s", where, src.Format)
		}
	default:
		bad("%s.learner_id: want \"user_id\" or \"username\", got %q", where, src.LearnerID)
	}
	if m := src.MaxBadLines; m != nil && (!tracking || *m < 0 || *m >= 1) {
		bad("%s.max_bad_lines: want a share in [0, 1) on an edx-tracking source, got %g on %s", where, *m, src.Format)
	}
	return errs
}

// validateSourceMix refuses combinations of source formats that would
// count one thing twice: two kinds of learner profile, both tracking logs
// and the studentmodule table (each gives reach and problems), or two
// course structures. edx-problem-grades may sit beside either: ingest
// prefers their problems (they have block ids, the logs first attempts)
// and counts the report's others as skipped, so nothing counts twice.
func (c Course) validateSourceMix(where string) []error {
	n := map[string]int{}
	line := map[string]int{}
	for _, src := range c.Sources {
		n[src.Format]++
		if line[src.Format] == 0 {
			line[src.Format] = src.Line
		}
	}
	var errs []error
	if n["edx-profile"] > 0 && n["edx-rdp-userprofile"] > 0 {
		errs = append(errs, fmt.Errorf("line %d: %s.sources: edx-profile and edx-rdp-userprofile both list the learners: use one", line["edx-rdp-userprofile"], where))
	}
	if n["edx-tracking"] > 0 && n["edx-rdp-studentmodule"] > 0 {
		errs = append(errs, fmt.Errorf("line %d: %s.sources: edx-tracking and edx-rdp-studentmodule both give chapters reached and problem submissions: use one", line["edx-rdp-studentmodule"], where))
	}
	if n["edx-course-blocks"] > 1 {
		errs = append(errs, fmt.Errorf("line %d: %s.sources: want at most one edx-course-blocks source, got %d", line["edx-course-blocks"], where, n["edx-course-blocks"]))
	}
	return errs
}

// Course returns the course with key k.
func (s *Study) Course(k string) (Course, bool) {
	for _, c := range s.Courses {
		if c.Key == k {
			return c, true
		}
	}
	return Course{}, false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

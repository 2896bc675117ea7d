// Package study reads and validates study.yaml, the one description of a
// study: its courses, data sources, survey instruments and scales, and
// privacy rules. Nothing else in moocreport reads YAML.
//
// Decoding is strict: an unknown key, a value of the wrong type or out of
// range is a *report.InputError naming the file, line, column and setting,
// with "did you mean" for a near miss, so a typo never silently changes a
// report; every problem of a file is reported at once.
package study

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"time"

	"github.com/moocreport/moocreport/report"
	"go.yaml.in/yaml/v3"
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
	// Limits caps the size of one field, record and line of a raw input;
	// see limits.go.
	Limits Limits `yaml:"limits"`

	// Dir is the directory study.yaml was read from; source paths are
	// relative to it. File is the path of study.yaml itself.
	Dir  string `yaml:"-"`
	File string `yaml:"-"`
}

// Privacy holds the disclosure-control rules.
type Privacy struct {
	// MinCell is the smallest count published; smaller cells show as "<k".
	// 1–MaxMinCell; DefaultMinCell when study.yaml does not set it (a
	// written 0 is refused, not replaced).
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
// anonymized user ids that link surveys carrying them (edx-anonymous-ids).
// edx-activity: the tables `moocreport sql` computes from tracking logs in
// an SQL engine, read in place of the logs.
//
// There is no format for the instructor dashboard's certificate report:
// it counts certificates per type, not per learner (per-learner status is
// in edx-grades and edx-rdp-certificates).
var Formats = []string{"edx-profile", "edx-grades", "edx-problem-grades", "edx-tracking", "edx-activity",
	"edx-rdp-userprofile", "edx-rdp-enrollment", "edx-rdp-certificates", "edx-rdp-studentmodule",
	"edx-course-blocks", "oulad", "edx-anonymous-ids"}

// Survey is one survey instrument export for one course.
type Survey struct {
	Key    string `yaml:"key"`    // instrument, e.g. "pre" or "post"
	Course string `yaml:"course"` // course key
	Title  string `yaml:"title"`
	Format string `yaml:"format"` // see SurveyFormats
	Path   string `yaml:"path"`
	// IDColumn names the column that identifies the learner, used to link a
	// response to a learner; IDType says what it holds (see IDTypes),
	// "username" when not set.
	IDColumn string `yaml:"id_column"`
	IDType   string `yaml:"id_type"`
	// Linked set to false declares a survey not linked to learners on
	// purpose (an anonymous survey): it takes no id_column. Otherwise a
	// survey must name its id_column, and ingest refuses one that links
	// fewer than half its finished responses.
	Linked *bool `yaml:"linked"`
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

// IDTypes lists what a survey's id column may hold: the learner's edX
// username; the numeric edX user id (what a survey link usually passes);
// the e-mail address of the learner profile; or an edX anonymized user id,
// either kind, mapped to the user id through the course's
// edx-anonymous-ids source (the instructor dashboard's anonymized-ids
// CSV).
var IDTypes = []string{"username", "user_id", "email", "anonymous"}

// IsLinked reports whether the survey's responses are meant to be linked to
// learners: true unless it says linked: false.
func (sv Survey) IsLinked() bool { return sv.Linked == nil || *sv.Linked }

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
	// Options lists a single or select-all question's options: answers
	// outside them are published only as a count of "Other (not listed)",
	// and options that contain a comma (which exports also use to join
	// them) are kept whole.
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
		// A TypeError lets the decoder go on and report every other problem too.
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d, column %d: want a date YYYY-MM-DD, got %q", n.Line, n.Column, n.Value)}}
	}
	d.Time = t
	return nil
}

// DefaultOutline is the section order when study.yaml gives none.
var DefaultOutline = []string{"summary", "introduction", "learners", "activity", "performance", "surveys", "comparisons", "methods", "data-quality", "disclosure", "provenance"}

// Load reads, decodes and validates the study file at path.
func Load(path string) (*Study, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, b)
}

// Parse decodes and validates study.yaml content; path is used in errors and
// to resolve source paths. Every problem is reported, each as a
// *report.InputError at its line and column, joined in file order.
func Parse(path string, b []byte) (*Study, error) {
	p := &problems{file: path}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		p.decodeError(err)
		return nil, p.err()
	}
	p.pos = indexPositions(&root)
	var s Study
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil && !errors.Is(err, io.EOF) {
		p.decodeError(err)
	}
	s.File = path
	s.Dir = filepath.Dir(path)
	s.recordLines(p.pos)
	if v := os.Getenv("MOOCREPORT_SALT"); v != "" {
		s.Salt = v
	}
	s.defaults(p.pos)
	s.validate(p)
	if err := p.err(); err != nil {
		return nil, err
	}
	return &s, nil
}

// recordLines copies the line numbers of sources and surveys from the YAML
// nodes, so later stages can point at them in errors.
func (s *Study) recordLines(pos positions) {
	for i := range s.Courses {
		for j := range s.Courses[i].Sources {
			s.Courses[i].Sources[j].Line, _ = pos.at(fmt.Sprintf("courses[%d].sources[%d]", i, j))
		}
	}
	for i := range s.Surveys {
		s.Surveys[i].Line, _ = pos.at(fmt.Sprintf("surveys[%d]", i))
	}
}

// DefaultMinCell is privacy.min_cell when study.yaml does not set it.
const DefaultMinCell = 5

// MaxMinCell is the largest privacy.min_cell accepted: a larger threshold would
// withhold nearly every count of a course, which is more likely a typo than a choice.
const MaxMinCell = 100

// defaults fills in the settings study.yaml leaves out. A setting that is written is
// never replaced, even by its default: a written zero is checked like any value.
func (s *Study) defaults(pos positions) {
	for i := range s.Courses {
		if s.Courses[i].Short == "" {
			s.Courses[i].Short = s.Courses[i].Name
		}
	}
	if !pos.has("privacy.min_cell") {
		s.Privacy.MinCell = DefaultMinCell
	}
	if !pos.has("outline") {
		s.Outline = DefaultOutline
	}
	s.Activity.defaults(pos)
	s.comparisonDefaults()
}

var keyRE = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// validate records every problem in p, as go vet does, rather than stopping at the
// first.
func (s *Study) validate(p *problems) {
	if s.ID == "" {
		p.add("id", "missing")
	}
	if s.Title == "" {
		p.add("title", "missing")
	}
	if err := CheckVersion(s.Version); err != nil {
		p.add("version", "%v", err)
	}
	if s.Salt == "" {
		p.add("salt", "missing (or set MOOCREPORT_SALT): pseudonyms need a secret key")
	}
	if m := s.Privacy.MinCell; m < 1 || m > MaxMinCell {
		p.add("privacy.min_cell", "want a whole number from 1 to %d (1 withholds nothing), got %d", MaxMinCell, m)
	}
	if len(s.Courses) == 0 {
		p.add("courses", "want at least one course")
	}
	keys := map[string]bool{}
	for i, c := range s.Courses {
		where := fmt.Sprintf("courses[%d]", i)
		if keys[c.Key] {
			p.add(where+".key", "%q used twice", c.Key)
		}
		keys[c.Key] = true
		c.validate(p, where)
	}
	for i, sv := range s.Surveys {
		s.validateSurvey(p, fmt.Sprintf("surveys[%d]", i), sv, keys)
	}
	s.validateAnalysis(p)
	s.validateOutput(p)
	s.validateScaleLabels(p)
	s.validateOutline(p)
	s.validateLimits(p)
}

// validate checks one course and its sources.
func (c Course) validate(p *problems, where string) {
	if !keyRE.MatchString(c.Key) {
		p.add(where+".key", "want lower-case letters, digits and '-', got %q", c.Key)
	}
	if c.Name == "" {
		p.add(where+".name", "missing")
	}
	if c.CourseID == "" {
		p.add(where+".course_id", "missing")
	}
	p.oneOf(where+".role", c.Role, []string{"study", "baseline"})
	if c.Start.IsZero() {
		p.add(where+".start", "missing")
	}
	if !p.pos.has(where + ".weeks") {
		p.add(where+".weeks", "missing: want the course length in weeks, 1–104")
	} else if c.Weeks < 1 || c.Weeks > 104 {
		p.add(where+".weeks", "want 1–104, got %d", c.Weeks)
	}
	if !p.pos.has(where + ".pass_mark") {
		p.add(where+".pass_mark", "missing: want the grade needed to pass, in (0, 1]")
	} else if c.PassMark <= 0 || c.PassMark > 1 {
		p.add(where+".pass_mark", "want a grade in (0, 1], got %g", c.PassMark)
	}
	c.validateSourceMix(p, where)
	for j, src := range c.Sources {
		at := fmt.Sprintf("%s.sources[%d]", where, j)
		p.oneOf(at+".format", src.Format, Formats)
		if src.Path == "" {
			p.add(at+".path", "missing")
		}
		src.validate(p, at)
	}
}

// validateSurvey checks one survey and its questions.
func (s *Study) validateSurvey(p *problems, where string, sv Survey, courses map[string]bool) {
	if !keyRE.MatchString(sv.Key) {
		p.add(where+".key", "want lower-case letters, digits and '-', got %q", sv.Key)
	}
	if !courses[sv.Course] {
		p.add(where+".course", "no course with key %q%s", sv.Course, report.DidYouMean(sv.Course, slices.Sorted(maps.Keys(courses))))
	}
	p.oneOf(where+".format", sv.Format, SurveyFormats)
	if !slices.Contains(surveyDelimiters, sv.Delimiter) {
		p.add(where+".delimiter", "want \",\", \";\" or \"tab\" (or nothing, to sniff it), got %q", sv.Delimiter)
	}
	if sv.FinishedColumn != "" && sv.Format != "csv" {
		p.add(where+".finished_column", "only format csv takes it (%s knows its own)", sv.Format)
	}
	if sv.Path == "" {
		p.add(where+".path", "missing")
	}
	s.validateLinkage(p, where, sv)
	for j, q := range sv.Questions {
		at := fmt.Sprintf("%s.questions[%d]", where, j)
		if q.ID == "" {
			p.add(at+".id", "missing")
		}
		if !p.oneOf(at+".type", q.Type, QuestionTypes) {
			continue
		}
		if q.Type == "likert" {
			if _, ok := s.Scales[q.Scale]; !ok {
				p.add(at+".scale", "no scale %q in scales%s", q.Scale, report.DidYouMean(q.Scale, slices.Sorted(maps.Keys(s.Scales))))
			}
		} else if q.Scale != "" {
			p.add(at+".scale", "only likert questions take a scale, this one is %s", q.Type)
		}
		if len(q.Options) > 0 && q.Type != "multi" && q.Type != "single" {
			p.add(at+".options", "only single and multi questions take options, this one is %s", q.Type)
		}
	}
}

// validateLinkage checks how a survey links its responses to learners: by
// an id column of a known id type, or declared unlinked.
func (s *Study) validateLinkage(p *problems, where string, sv Survey) {
	if !sv.IsLinked() {
		for _, k := range []string{"id_column", "id_type"} {
			if p.pos.has(where + "." + k) {
				p.add(where+"."+k, "a survey declared linked: false takes no %s", k)
			}
		}
		return
	}
	if sv.IDColumn == "" {
		p.add(where+".id_column", "missing: want the column that identifies the learner (with id_type), or linked: false for a survey not linked to learners")
	}
	if sv.IDType != "" && !p.oneOf(where+".id_type", sv.IDType, IDTypes) {
		return
	}
	if c, ok := s.Course(sv.Course); ok && sv.IDType == "anonymous" && !slices.ContainsFunc(c.Sources, func(src Source) bool { return src.Format == "edx-anonymous-ids" }) {
		p.add(where+".id_type", "anonymous ids need an edx-anonymous-ids source in course %s (the instructor dashboard's anonymized-ids CSV) to map them to learners", c.Key)
	}
}

// QuestionTypes lists the values Question.Type takes.
var QuestionTypes = []string{"single", "multi", "numeric", "likert", "text"}

// validateScaleLabels checks that each scale has points to score.
func (s *Study) validateScaleLabels(p *problems) {
	for _, k := range slices.Sorted(maps.Keys(s.Scales)) {
		if len(s.Scales[k].Labels) < 2 {
			p.add("scales."+k+".labels", "want at least 2 labels")
		}
	}
}

// validateOutline checks the section ids of outline.
func (s *Study) validateOutline(p *problems) {
	if len(s.Outline) == 0 {
		p.add("outline", "want at least one section id (leave outline out for the default order)")
	}
	seen := map[string]bool{}
	for i, sec := range s.Outline {
		at := fmt.Sprintf("outline[%d]", i)
		if !keyRE.MatchString(sec) {
			p.add(at, "section id %q: want lower-case letters, digits and '-'", sec)
		}
		if seen[sec] {
			p.add(at, "section %q listed twice", sec)
		}
		seen[sec] = true
	}
}

// validate checks the reading settings of a source: each only where its
// format uses it, and in range.
func (src Source) validate(p *problems, where string) {
	// edx-activity holds tables computed from tracking logs with these
	// settings (moocreport sql); the reader checks they still agree.
	tracking := src.Format == "edx-tracking" || src.Format == "edx-activity"
	if p.pos.has(where+".session_gap") && (!tracking || src.SessionGap < time.Second) {
		p.add(where+".session_gap", "want a duration of at least 1s on an edx-tracking source, got %s on %s", src.SessionGap, src.Format)
	}
	switch src.LearnerID {
	case "":
	case "user_id", "username":
		if !tracking {
			p.add(where+".learner_id", "only edx-tracking sources take it, not %s", src.Format)
		}
	default:
		p.add(where+".learner_id", "want \"user_id\" or \"username\", got %q%s", src.LearnerID, report.DidYouMean(src.LearnerID, []string{"user_id", "username"}))
	}
	if m := src.MaxBadLines; m != nil && (!tracking || *m < 0 || *m >= 1) {
		p.add(where+".max_bad_lines", "want a share in [0, 1) on an edx-tracking source, got %g on %s", *m, src.Format)
	}
}

// validateSourceMix refuses combinations of source formats that would
// count one thing twice: two kinds of learner profile, both tracking logs
// and the studentmodule table (each gives reach and problems), or two
// course structures. edx-problem-grades may sit beside either: ingest
// prefers their problems (they have block ids, the logs first attempts)
// and counts the report's others as skipped, so nothing counts twice.
func (c Course) validateSourceMix(p *problems, where string) {
	n := map[string]int{}
	first := map[string]string{}
	for j, src := range c.Sources {
		n[src.Format]++
		if first[src.Format] == "" {
			first[src.Format] = fmt.Sprintf("%s.sources[%d]", where, j)
		}
	}
	if n["edx-profile"] > 0 && n["edx-rdp-userprofile"] > 0 {
		p.add(first["edx-rdp-userprofile"], "edx-profile and edx-rdp-userprofile both list the learners: use one")
	}
	if n["edx-tracking"] > 0 && n["edx-rdp-studentmodule"] > 0 {
		p.add(first["edx-rdp-studentmodule"], "edx-tracking and edx-rdp-studentmodule both give chapters reached and problem submissions: use one")
	}
	if n["edx-course-blocks"] > 1 {
		p.add(first["edx-course-blocks"], "want at most one edx-course-blocks source, got %d", n["edx-course-blocks"])
	}
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

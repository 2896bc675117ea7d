package study

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // time zones work on machines without a zoneinfo database

	"github.com/moocreport/moocreport/report"
	"go.yaml.in/yaml/v3"
)

// Activity configures what counts as activity. The zero value is the
// "insights" preset, so a study.yaml without `activity:` keeps the
// definition earlier reports used.
type Activity struct {
	// Preset names a published definition of "active": "insights" (the
	// default: any event for the course except enrollment events, as Open
	// edX Insights counts active learners) or "harvardx" (HarvardX/MITx
	// "viewed": only interaction with courseware — page, video and problem
	// events — counts; forum and other events do not).
	Preset string `yaml:"preset"`
	// Exclude lists further event kinds that do not make a learner active:
	// any of page, video, problem, forum, other. Enrollment events never
	// count.
	Exclude []string `yaml:"exclude"`
	// Explored is the share of a course's chapters a learner must have
	// visited to count as having explored it (HarvardX: one half), in
	// (0, 1]; 0.5 when study.yaml does not set it.
	Explored float64 `yaml:"explored"`
	// Weeks says where course weeks begin: "monday" (weeks run Monday to
	// Sunday, week 1 being the one holding the start date, as Open edX
	// Insights counts them; the default with the insights preset) or
	// "start" (week 1 begins on the course start date; the default with
	// the harvardx preset).
	Weeks string `yaml:"weeks"`
	// TimeZone names the IANA time zone whose midnights divide days and
	// weeks ("UTC" by default, e.g. "Europe/Stockholm").
	TimeZone string `yaml:"time_zone"`
}

// WeekStart is when course week 1 begins for a course starting on start
// (a date, midnight UTC): that date or the Monday before it, at midnight
// in the configured time zone. Offsets across a daylight-saving change
// are the start's, so a day may be an hour short or long twice a year.
func (a Activity) WeekStart(start time.Time) time.Time {
	loc := time.UTC
	if a.TimeZone != "" {
		if l, err := time.LoadLocation(a.TimeZone); err == nil {
			loc = l
		}
	}
	t := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc)
	if a.Weeks == "monday" {
		t = t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	}
	return t
}

// ActivityPresets lists the preset names Activity.Preset accepts.
var ActivityPresets = []string{"insights", "harvardx"}

// ActivityKinds lists the event kinds Activity.Exclude may name, as
// report.EventKind.String writes them.
var ActivityKinds = []string{"page", "video", "problem", "forum", "other"}

// ExcludedKinds is the set of event kinds (by name) that do not make a
// learner active under this configuration, preset and explicit list
// together. Enrollment is always in it.
func (a Activity) ExcludedKinds() []string {
	set := map[string]bool{"enrollment": true}
	if a.Preset == "harvardx" {
		set["forum"], set["other"] = true, true
	}
	for _, k := range a.Exclude {
		set[k] = true
	}
	return slices.Sorted(maps.Keys(set))
}

// Comparison declares one comparison. Two kinds exist:
//
//   - kind: courses compares a study course with its baseline on the
//     learner profile (χ² tests), pass rate and verified share (two-
//     proportion z-tests), weekly active share (z-test per week) and
//     events per active learner (Mann–Whitney U).
//   - kind: pre-post compares matched learners' answers to paired items
//     of two instruments of one course (Wilcoxon signed-rank and paired t).
type Comparison struct {
	Kind string `yaml:"kind"` // "courses" (default) or "pre-post"
	// Study and Baseline are course keys (kind courses). When omitted they
	// default to the study's only study-role and only baseline-role course.
	Study    string `yaml:"study"`
	Baseline string `yaml:"baseline"`
	// Course, Pre and Post pick the instruments (kind pre-post); Pre and
	// Post default to "pre" and "post".
	Course string     `yaml:"course"`
	Pre    string     `yaml:"pre"`
	Post   string     `yaml:"post"`
	Pairs  []ItemPair `yaml:"pairs"`
	Line   int        `yaml:"-"`
}

// ItemPair names the same Likert item in the pre and the post instrument.
type ItemPair struct {
	Pre  string `yaml:"pre"`  // question id in the pre instrument
	Post string `yaml:"post"` // question id in the post instrument
	// Name is used in measure ids; it defaults to "<pre>-<post>" in lower case.
	Name string `yaml:"name"`
}

// ID is the pair's id fragment.
func (p ItemPair) ID() string {
	if p.Name != "" {
		return p.Name
	}
	return strings.ToLower(strings.ReplaceAll(p.Pre+"-"+p.Post, "_", "-"))
}

var comparisonKeys = map[string]bool{"kind": true, "study": true, "baseline": true, "course": true, "pre": true, "post": true, "pairs": true}

// UnmarshalYAML decodes a comparison, keeping its line for errors and
// refusing unknown keys (a custom unmarshaler loses the decoder's
// KnownFields setting, so the check is made here). Problems are returned as
// a *yaml.TypeError, so the decoder goes on and every problem is reported.
func (c *Comparison) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d, column %d: want a mapping with kind, study, baseline, …", n.Line, n.Column)}}
	}
	var unknown []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !comparisonKeys[k.Value] {
			// yaml.v3's own wording, so that it is placed and reworded like the rest.
			unknown = append(unknown, fmt.Sprintf("line %d: field %s not found in type study.Comparison", k.Line, k.Value))
		}
	}
	type plain Comparison
	var p plain
	err := n.Decode(&p)
	*c = Comparison(p)
	c.Line = n.Line
	var te *yaml.TypeError
	if errors.As(err, &te) {
		unknown = append(unknown, te.Errors...)
	} else if err != nil {
		return err
	}
	if len(unknown) > 0 {
		return &yaml.TypeError{Errors: unknown}
	}
	return nil
}

// ScaleItems turns a response scale into a multi-item scale: the items
// whose scores are averaged into a scale score, per instrument, and the
// items scored in reverse. It is inlined into Scale, so a scale declares
// its labels and, optionally, its items in one place.
type ScaleItems struct {
	// Items maps an instrument key ("pre", "post") to the question ids
	// that make up the scale in that instrument, in the same order in
	// every instrument.
	Items map[string][]string `yaml:"items"`
	// Reverse lists question ids scored points+1−answer before averaging.
	Reverse []string `yaml:"reverse"`
}

// defaults fills in the activity settings study.yaml leaves out; a written
// setting is kept and checked, never replaced.
func (a *Activity) defaults(pos positions) {
	if a.Preset == "" {
		a.Preset = "insights"
	}
	if !pos.has("activity.explored") {
		a.Explored = 0.5
	}
	if a.Weeks == "" {
		// Insights counts Monday-to-Sunday weeks; HarvardX reports are
		// by course week from the start date.
		a.Weeks = "monday"
		if a.Preset == "harvardx" {
			a.Weeks = "start"
		}
	}
	if a.TimeZone == "" {
		a.TimeZone = "UTC"
	}
}

// ActivityWeeks lists the values Activity.Weeks takes.
var ActivityWeeks = []string{"monday", "start"}

// validateAnalysis checks the activity, comparison and scale-item settings.
func (s *Study) validateAnalysis(p *problems) {
	a := s.Activity
	p.oneOf("activity.preset", a.Preset, ActivityPresets)
	for i, k := range a.Exclude {
		p.oneOf(fmt.Sprintf("activity.exclude[%d]", i), k, ActivityKinds)
	}
	if a.Explored <= 0 || a.Explored > 1 {
		p.add("activity.explored", "want a share of chapters in (0, 1], got %g", a.Explored)
	}
	p.oneOf("activity.weeks", a.Weeks, ActivityWeeks)
	if _, err := time.LoadLocation(a.TimeZone); err != nil {
		p.add("activity.time_zone", "want an IANA time zone such as \"Europe/Stockholm\", got %q", a.TimeZone)
	}
	for i := range s.Comparisons {
		s.validateComparison(p, i)
	}
	s.validateScaleItems(p)
}

// ComparisonKinds lists the values Comparison.Kind takes.
var ComparisonKinds = []string{"courses", "pre-post"}

// comparisonDefaults fills in what each comparison leaves out: its kind is
// courses; a comparison of courses compares the only course of role study
// with the only course of role baseline; a pre-post comparison compares
// the instruments "pre" and "post".
func (s *Study) comparisonDefaults() {
	roles := map[string][]string{}
	for _, co := range s.Courses {
		roles[co.Role] = append(roles[co.Role], co.Key)
	}
	for i := range s.Comparisons {
		c := &s.Comparisons[i]
		if c.Kind == "" {
			c.Kind = "courses"
		}
		switch c.Kind {
		case "courses":
			if c.Study == "" && len(roles["study"]) == 1 {
				c.Study = roles["study"][0]
			}
			if c.Baseline == "" && len(roles["baseline"]) == 1 {
				c.Baseline = roles["baseline"][0]
			}
		case "pre-post":
			if c.Pre == "" {
				c.Pre = "pre"
			}
			if c.Post == "" {
				c.Post = "post"
			}
		}
	}
}

// validateComparison checks comparisons[i].
func (s *Study) validateComparison(p *problems, i int) {
	c := s.Comparisons[i]
	where := fmt.Sprintf("comparisons[%d]", i)
	switch c.Kind {
	case "courses":
		s.validateCourses(p, where, c)
	case "pre-post":
		s.validatePrePost(p, where, c)
	default:
		p.oneOf(where+".kind", c.Kind, ComparisonKinds)
	}
}

// validateCourses checks a comparison of kind courses.
func (s *Study) validateCourses(p *problems, where string, c Comparison) {
	for _, f := range []struct{ name, key string }{{"study", c.Study}, {"baseline", c.Baseline}} {
		if _, ok := s.Course(f.key); !ok {
			p.add(where+"."+f.name, "no course with key %q (say which course to compare)%s", f.key, report.DidYouMean(f.key, s.courseKeys()))
		}
	}
	if c.Study != "" && c.Study == c.Baseline {
		p.add(where, "study and baseline are both %q; compare two different courses", c.Study)
	}
	if c.Course != "" || c.Pre != "" || c.Post != "" || len(c.Pairs) > 0 {
		p.add(where, "course, pre, post and pairs belong to kind pre-post, not courses")
	}
}

// validatePrePost checks a comparison of kind pre-post.
func (s *Study) validatePrePost(p *problems, where string, c Comparison) {
	if _, ok := s.Course(c.Course); !ok {
		p.add(where+".course", "no course with key %q%s", c.Course, report.DidYouMean(c.Course, s.courseKeys()))
	}
	pre, okPre := s.survey(c.Course, c.Pre)
	post, okPost := s.survey(c.Course, c.Post)
	for _, f := range []struct {
		name, key string
		sv        Survey
		ok        bool
	}{{"pre", c.Pre, pre, okPre}, {"post", c.Post, post, okPost}} {
		if !f.ok {
			p.add(where+"."+f.name, "no survey %q for course %q", f.key, c.Course)
		} else if !f.sv.IsLinked() {
			p.add(where+"."+f.name, "survey %q is declared linked: false; matching pre and post answers needs linked responses", f.key)
		}
	}
	if len(c.Pairs) == 0 {
		p.add(where+".pairs", "want at least one {pre: <question id>, post: <question id>}")
	}
	names := map[string]bool{}
	for j, pair := range c.Pairs {
		at := fmt.Sprintf("%s.pairs[%d]", where, j)
		if okPre && !likertIn(pre, pair.Pre) {
			p.add(at+".pre", "%q is not a likert question of survey %q", pair.Pre, c.Pre)
		}
		if okPost && !likertIn(post, pair.Post) {
			p.add(at+".post", "%q is not a likert question of survey %q", pair.Post, c.Post)
		}
		if names[pair.ID()] {
			p.add(at, "name %q used twice", pair.ID())
		}
		names[pair.ID()] = true
	}
}

// validateScaleItems checks the items and reverse-coded items of every scale.
func (s *Study) validateScaleItems(p *problems) {
	for _, k := range slices.Sorted(maps.Keys(s.Scales)) {
		sc := s.Scales[k]
		at := "scales." + k
		width := -1
		for _, inst := range slices.Sorted(maps.Keys(sc.Items)) {
			items := sc.Items[inst]
			if len(items) < 2 {
				p.add(at+".items."+inst, "want at least 2 items for a scale score and alpha")
			}
			if width >= 0 && len(items) != width {
				p.add(at+".items."+inst, "want the same number of items in every instrument (%d), got %d", width, len(items))
			}
			width = len(items)
			s.validateItemsIn(p, at+".items."+inst, inst, items)
		}
		for i, r := range sc.Reverse {
			in := false
			for _, items := range sc.Items {
				in = in || slices.Contains(items, r)
			}
			if !in {
				p.add(fmt.Sprintf("%s.reverse[%d]", at, i), "%q is not one of the scale's items", r)
			}
		}
	}
}

// validateItemsIn checks that a scale's items for instrument inst are likert
// questions of every survey with that key.
func (s *Study) validateItemsIn(p *problems, at, inst string, items []string) {
	found := false
	for _, sv := range s.Surveys {
		if sv.Key != inst {
			continue
		}
		found = true
		for i, id := range items {
			if !likertIn(sv, id) {
				p.add(fmt.Sprintf("%s[%d]", at, i), "%q is not a likert question of survey %q (course %s)", id, inst, sv.Course)
			}
		}
	}
	if !found {
		p.add(at, "no survey with key %q", inst)
	}
}

// courseKeys lists the courses' keys, for suggestions.
func (s *Study) courseKeys() []string {
	var out []string
	for _, c := range s.Courses {
		out = append(out, c.Key)
	}
	return out
}

// survey returns the instrument with key inst for course.
func (s *Study) survey(course, inst string) (Survey, bool) {
	for _, sv := range s.Surveys {
		if sv.Course == course && sv.Key == inst {
			return sv, true
		}
	}
	return Survey{}, false
}

func likertIn(sv Survey, id string) bool {
	for _, q := range sv.Questions {
		if q.ID == id && q.Type == "likert" {
			return true
		}
	}
	return false
}

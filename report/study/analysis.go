package study

import (
	"fmt"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // time zones work on machines without a zoneinfo database

	"gopkg.in/yaml.v3"
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
	// visited to count as having explored it (HarvardX: one half). Zero
	// means 0.5.
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
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
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
// KnownFields setting, so the check is made here).
func (c *Comparison) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: comparisons: want a mapping with kind, study, baseline, …", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !comparisonKeys[k.Value] {
			return fmt.Errorf("line %d: unknown key %q in a comparison (see the study.yaml reference in the README)", k.Line, k.Value)
		}
	}
	type plain Comparison
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*c = Comparison(p)
	c.Line = n.Line
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

// validateAnalysis checks the activity, comparison and scale-item
// settings and fills in their defaults.
func (s *Study) validateAnalysis() []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	a := &s.Activity
	if a.Preset == "" {
		a.Preset = "insights"
	}
	if !contains(ActivityPresets, a.Preset) {
		bad("activity.preset: want one of %s, got %q", strings.Join(ActivityPresets, ", "), a.Preset)
	}
	for _, k := range a.Exclude {
		if !contains(ActivityKinds, k) {
			bad("activity.exclude: want event kinds among %s, got %q", strings.Join(ActivityKinds, ", "), k)
		}
	}
	if a.Explored == 0 {
		a.Explored = 0.5
	}
	if a.Explored < 0 || a.Explored > 1 {
		bad("activity.explored: want a share of chapters in (0, 1], got %g", a.Explored)
	}
	if a.Weeks == "" {
		// Insights counts Monday-to-Sunday weeks; HarvardX reports are
		// by course week from the start date.
		a.Weeks = "monday"
		if a.Preset == "harvardx" {
			a.Weeks = "start"
		}
	}
	if a.Weeks != "start" && a.Weeks != "monday" {
		bad("activity.weeks: want \"start\" or \"monday\", got %q", a.Weeks)
	}
	if a.TimeZone == "" {
		a.TimeZone = "UTC"
	}
	if _, err := time.LoadLocation(a.TimeZone); err != nil {
		bad("activity.time_zone: want an IANA time zone such as \"Europe/Stockholm\", got %q", a.TimeZone)
	}

	roles := map[string][]string{}
	for _, co := range s.Courses {
		roles[co.Role] = append(roles[co.Role], co.Key)
	}
	for i := range s.Comparisons {
		c := &s.Comparisons[i]
		where := fmt.Sprintf("line %d: comparisons[%d]", c.Line, i)
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
			for _, f := range []struct{ name, key string }{{"study", c.Study}, {"baseline", c.Baseline}} {
				if _, ok := s.Course(f.key); !ok {
					bad("%s.%s: no course with key %q (say which course to compare)", where, f.name, f.key)
				}
			}
			if c.Study != "" && c.Study == c.Baseline {
				bad("%s: study and baseline are both %q; compare two different courses", where, c.Study)
			}
			if c.Course != "" || c.Pre != "" || c.Post != "" || len(c.Pairs) > 0 {
				bad("%s: course, pre, post and pairs belong to kind pre-post, not courses", where)
			}
		case "pre-post":
			if c.Pre == "" {
				c.Pre = "pre"
			}
			if c.Post == "" {
				c.Post = "post"
			}
			if _, ok := s.Course(c.Course); !ok {
				bad("%s.course: no course with key %q", where, c.Course)
			}
			pre, okPre := s.survey(c.Course, c.Pre)
			post, okPost := s.survey(c.Course, c.Post)
			if !okPre {
				bad("%s.pre: no survey %q for course %q", where, c.Pre, c.Course)
			}
			if !okPost {
				bad("%s.post: no survey %q for course %q", where, c.Post, c.Course)
			}
			if len(c.Pairs) == 0 {
				bad("%s.pairs: want at least one {pre: <question id>, post: <question id>}", where)
			}
			names := map[string]bool{}
			for j, p := range c.Pairs {
				if okPre && !likertIn(pre, p.Pre) {
					bad("%s.pairs[%d].pre: %q is not a likert question of survey %q", where, j, p.Pre, c.Pre)
				}
				if okPost && !likertIn(post, p.Post) {
					bad("%s.pairs[%d].post: %q is not a likert question of survey %q", where, j, p.Post, c.Post)
				}
				if names[p.ID()] {
					bad("%s.pairs[%d]: name %q used twice", where, j, p.ID())
				}
				names[p.ID()] = true
			}
		default:
			bad("%s.kind: want \"courses\" or \"pre-post\", got %q", where, c.Kind)
		}
	}

	names := make([]string, 0, len(s.Scales))
	for k := range s.Scales {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		sc := s.Scales[k]
		width := -1
		insts := make([]string, 0, len(sc.Items))
		for inst := range sc.Items {
			insts = append(insts, inst)
		}
		sort.Strings(insts)
		for _, inst := range insts {
			items := sc.Items[inst]
			if len(items) < 2 {
				bad("scales.%s.items.%s: want at least 2 items for a scale score and alpha", k, inst)
			}
			if width >= 0 && len(items) != width {
				bad("scales.%s.items.%s: want the same number of items in every instrument (%d), got %d", k, inst, width, len(items))
			}
			width = len(items)
			found := false
			for _, sv := range s.Surveys {
				if sv.Key != inst {
					continue
				}
				found = true
				for _, id := range items {
					if !likertIn(sv, id) {
						bad("scales.%s.items.%s: %q is not a likert question of survey %q (course %s)", k, inst, id, inst, sv.Course)
					}
				}
			}
			if !found {
				bad("scales.%s.items: no survey with key %q", k, inst)
			}
		}
		for _, r := range sc.Reverse {
			in := false
			for _, items := range sc.Items {
				in = in || contains(items, r)
			}
			if !in {
				bad("scales.%s.reverse: %q is not one of the scale's items", k, r)
			}
		}
	}
	return errs
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

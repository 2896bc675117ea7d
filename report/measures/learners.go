package measures

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/moocreport/moocreport/report"
)

// Labels for edX profile codes, as the edX registration form words them.
var (
	genderLabels = map[string]string{"m": "Male", "f": "Female", "o": "Other", "": "Not stated"}
	genderOrder  = []string{"Female", "Male", "Other", "Not stated"}

	educationLabels = map[string]string{
		"p": "Doctorate", "m": "Master's or professional degree", "b": "Bachelor's degree",
		"a": "Associate degree", "hs": "Secondary/high school", "jhs": "Junior secondary/middle school",
		"el": "Elementary/primary school", "none": "No formal education", "other": "Other education", "": "Not stated",
	}
	educationOrder = []string{"Doctorate", "Master's or professional degree", "Bachelor's degree", "Associate degree",
		"Secondary/high school", "Junior secondary/middle school", "Elementary/primary school", "No formal education", "Other education", "Not stated"}

	ageOrder = []string{"Under 25", "25–34", "35–44", "45–54", "55–64", "65 and over", "Not stated"}
)

// ageBand places a learner's age at course start in a band; ages outside
// 10–100 are treated as not stated, since they are almost always a
// mistyped or placeholder year of birth.
func ageBand(yob, year int) string {
	if yob == 0 {
		return "Not stated"
	}
	age := year - yob
	switch {
	case age < 10 || age > 100:
		return "Not stated"
	case age < 25:
		return "Under 25"
	case age < 35:
		return "25–34"
	case age < 45:
		return "35–44"
	case age < 55:
		return "45–54"
	case age < 65:
		return "55–64"
	}
	return "65 and over"
}

// countryName turns an ISO 3166-1 alpha-2 code into its English name.
func countryName(code string) string {
	if code == "" {
		return "Not stated"
	}
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if n := display.English.Regions().Name(r); n != "" {
		return n
	}
	return code
}

// dimension counts learners per course by label. Rows are the known
// labels in their order, then any other label found (most common first),
// then notListed (values outside the field's code list, see
// listedCategories) before a final "Not stated", so no learner falls into
// a wrong row. When
// other labels exist, known labels nobody has are left out: a source with
// its own coding (the OULAD's "0-35") should not show edX's empty rows.
func (c *computer) dimension(keys []string, label func(report.Learner) string, known []string) ([]string, [][]int) {
	seen := map[string]int{}
	for _, k := range keys {
		for _, l := range c.byCourse[k] {
			seen[label(l)]++
		}
	}
	isKnown := map[string]bool{}
	for _, k := range known {
		isKnown[k] = true
	}
	extra := map[string]int{}
	for lab, n := range seen {
		if !isKnown[lab] && lab != notListed {
			extra[lab] = n
		}
	}
	var rows []string
	tail := ""
	for _, k := range known {
		if k == "Not stated" {
			tail = k
			continue
		}
		if k == notListed {
			continue // placed after the listed values
		}
		if len(extra) == 0 || seen[k] > 0 {
			rows = append(rows, k)
		}
	}
	rows = append(rows, sortedKeys(extra)...)
	if seen[notListed] > 0 {
		rows = append(rows, notListed)
	}
	if tail != "" && (len(extra) == 0 || seen[tail] > 0) {
		rows = append(rows, tail)
	}
	idx := map[string]int{}
	for i, r := range rows {
		idx[r] = i
	}
	counts := make([][]int, len(keys))
	for g, k := range keys {
		counts[g] = make([]int, len(rows))
		for _, l := range c.byCourse[k] {
			counts[g][idx[label(l)]]++
		}
	}
	return rows, counts
}

// topCountries is how many countries the country table lists by name; the
// rest are pooled, which also keeps small countries from being singled out.
const topCountries = 10

// learners reports enrolled learners and the verified share per course,
// then the profile tables (see profileTabs), which comparisons test too.
func (c *computer) learners() error {
	keys, names := c.enrolledCounts()
	var blocks []report.Block
	for _, t := range c.profileTabs(keys) {
		t.groups, t.groupKeys, t.total = names, keys, "enrolled"
		c.demog = append(c.demog, t)
		tab, fig := c.build(t)
		blocks = append(blocks, report.Block{Figure: fig}, report.Block{Table: tab, OnRequest: true})
	}
	intro := fmt.Sprintf("This section describes who enrolled, from the learner profile exports ("+c.bySource("the enrolled-learner profile", "the student information table")+"). Shares are of each course's enrolled learners; cells with fewer than %d learners are withheld.", c.k)
	c.part("learner-profile", append([]report.Block{{Markdown: intro, ID: "learners-intro"}}, blocks...)...)
	return nil
}

// enrolledCounts publishes each course's enrolled learners and its share
// on the verified track, and returns the course keys and short names.
func (c *computer) enrolledCounts() (keys, names []string) {
	for _, co := range c.s.Courses {
		keys = append(keys, co.Key)
		names = append(names, co.Short)
		n := len(c.byCourse[co.Key])
		c.count(co.Key+".enrolled", co.Key, "Enrolled learners", n,
			"Learners in the course's learner profile export ("+c.bySource("the enrolled-learner profile", "the student information table")+").")
		verified := 0
		for _, l := range c.byCourse[co.Key] {
			if l.Mode == "verified" {
				verified++
			}
		}
		c.share(co.Key+".verified.share", co.Key, "Share of learners on the verified track", verified, n,
			"Learners whose enrollment mode is \"verified\", as a share of enrolled learners.")
		c.led.tie(co.Key+".verified.share", co.Key+".track.verified")
	}
	return keys, names
}

// profileTabs tabulates the courses' learners by gender, age and
// education, then by region, country and track where the source records
// them, in that order.
func (c *computer) profileTabs(keys []string) []crossTab {
	rows, counts := c.dimension(keys, func(l report.Learner) string {
		if g, ok := genderLabels[strings.ToLower(l.Gender)]; ok {
			return g
		}
		return l.Gender
	}, genderOrder)
	tabs := []crossTab{{id: "learners-gender", title: "Learners by gender", rowHeader: "Gender", rows: rows, measurePre: "gender", counts: counts,
		definition: "Gender as self-reported in the learner profile; \"Not stated\" when left empty; a value that is not an edX gender code is counted as \"Other (not listed)\"."}}
	tabs = append(tabs, c.ageTab(keys))
	rows, counts = c.dimension(keys, func(l report.Learner) string {
		if s, ok := educationLabels[l.Education]; ok {
			return s
		}
		return l.Education
	}, educationOrder)
	tabs = append(tabs, crossTab{id: "learners-education", title: "Learners by highest level of education", rowHeader: "Education", rows: rows, measurePre: "education", counts: counts,
		definition: "Highest completed level of education as self-reported in the learner profile, " + c.bySource("the platform's codes spelt out", "as the table labels it") + "; any other value is counted as \"Other (not listed)\"."})
	return append(tabs, c.recordedTabs(keys)...)
}

// ageTab tabulates learners by age band at course start: the source's
// band where it gives one, else from the year of birth.
func (c *computer) ageTab(keys []string) crossTab {
	banded := false
	rows, counts := c.dimension(keys, func(l report.Learner) string {
		if l.AgeBand != "" {
			banded = true
			return l.AgeBand
		}
		co, _ := c.s.Course(l.Course)
		return ageBand(l.YearOfBirth, co.Start.Year())
	}, ageOrder)
	ageDef := "Age is the course start year minus the year of birth in the learner profile; ages outside 10–100 count as not stated."
	if banded {
		ageDef += " Where the source gives an age band instead of a year of birth, its band is used as given."
	}
	return crossTab{id: "learners-age", title: "Learners by age at course start", rowHeader: "Age band", rows: rows, measurePre: "age", counts: counts, definition: ageDef}
}

// recordedTabs tabulates learners by region, country and enrollment
// track, each only when some learner has it recorded: a source without
// the field gets no table rather than one of "Not stated".
func (c *computer) recordedTabs(keys []string) []crossTab {
	var tabs []crossTab
	regions, countries := false, false
	modes := map[string]int{}
	for _, l := range c.ds.Learners {
		regions = regions || l.Region != ""
		countries = countries || l.Country != ""
		if l.Mode != "" {
			modes[l.Mode]++
		}
	}
	if regions {
		rows, counts := c.dimension(keys, func(l report.Learner) string {
			if l.Region == "" {
				return "Not stated"
			}
			return l.Region
		}, []string{"Not stated"})
		tabs = append(tabs, crossTab{id: "learners-region", title: "Learners by region", rowHeader: "Region", rows: rows, measurePre: "region", counts: counts,
			definition: "Region as recorded by the source (for the OULAD, the student's region of the UK)."})
	}
	if countries {
		tabs = append(tabs, c.countryTab())
	}
	if len(modes) > 0 {
		rows, counts := c.dimension(keys, func(l report.Learner) string {
			if l.Mode == "" {
				return "Not stated"
			}
			return l.Mode
		}, sortedKeys(modes))
		tabs = append(tabs, crossTab{id: "learners-track", title: "Learners by enrollment track", rowHeader: "Track", rows: rows, measurePre: "track", counts: counts,
			definition: "Enrollment mode at the time of the profile export (audit, verified, …); a value that is not a known edX mode is counted as \"Other (not listed)\"."})
	}
	return tabs
}

// countryTab lists the countries most common over all courses by name and
// pools the rest.
func (c *computer) countryTab() crossTab {
	names := map[string]string{} // code → countryName(code), looked up once
	name := func(code string) string {
		n, ok := names[code]
		if !ok {
			n = countryName(code)
			names[code] = n
		}
		return n
	}
	all := map[string]int{}
	for _, l := range c.ds.Learners {
		if l.Country != "" && l.Country != notListed {
			all[name(l.Country)]++
		}
	}
	top := sortedKeys(all)
	if len(top) > topCountries {
		top = top[:topCountries]
	}
	// A country fewer than k learners named would single them out, even
	// with its count withheld: it is pooled with the rest.
	for len(top) > 0 && all[top[len(top)-1]] < c.k {
		top = top[:len(top)-1]
	}
	rows := append(append([]string{}, top...), "Other countries", "Not stated")
	counts := make([][]int, len(c.s.Courses))
	for g, co := range c.s.Courses {
		counts[g] = make([]int, len(rows))
		for _, l := range c.byCourse[co.Key] {
			name := name(l.Country)
			i := len(rows) - 2
			if l.Country == "" {
				i = len(rows) - 1
			}
			for j, t := range top {
				if t == name {
					i = j
				}
			}
			counts[g][i]++
		}
	}
	return crossTab{id: "learners-country", title: "Learners by country", rowHeader: "Country", rows: rows, measurePre: "country", counts: counts,
		definition: fmt.Sprintf("Country as stated in the edX profile. The %d countries with most learners over all courses are named, if at least %d learners gave them; the rest, and values that are not country codes, are pooled as \"Other countries\".", topCountries, c.k)}
}

// learnersSection is the Learners section: the profile tables (gender,
// age, education, country…) and then registrations and withdrawals (see
// enrolment.go).
func (c *computer) learnersSection() []report.Block {
	return c.place("learner-profile", "registrations")
}

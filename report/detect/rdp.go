package detect

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// rdpTables maps the research data package's LMS tables moocreport reads
// to their format and the columns ingest requires (docs/formats.md).
var rdpTables = map[string]struct {
	format string
	cols   []string
}{
	"student_courseenrollment":          {"edx-rdp-enrollment", []string{"user_id", "course_id", "created", "is_active", "mode"}},
	"auth_userprofile":                  {"edx-rdp-userprofile", []string{"user_id", "gender", "year_of_birth", "level_of_education", "country"}},
	"certificates_generatedcertificate": {"edx-rdp-certificates", []string{"user_id", "course_id", "grade", "status", "mode"}},
	"courseware_studentmodule":          {"edx-rdp-studentmodule", []string{"module_type", "module_id", "student_id", "state", "grade", "course_id"}},
}

var (
	sqlTable = regexp.MustCompile("(?i)(?:CREATE TABLE(?: IF NOT EXISTS)?|INSERT(?: IGNORE)? INTO|REPLACE INTO)\\s+`?([A-Za-z0-9_]+)`?")
	sqlStart = regexp.MustCompile(`(?i)^(--|/\*|#|CREATE\s|INSERT\s|DROP\s|SET\s|LOCK\s|UNLOCK\s|USE\s|REPLACE\s)`)
	// courseIDs finds course ids in quoted SQL values or TSV cells: the
	// current "course-v1:Org+Num+Run" and the old "Org/Num/Run".
	courseIDs = regexp.MustCompile(`course-v1:[A-Za-z0-9_.\-]+\+[A-Za-z0-9_.\-]+\+[A-Za-z0-9_.\-]+`)
)

// RDPTable recognises the edX research data package's LMS tables, as the
// package's tab-separated files (a header of column names) or as MySQL
// dumps (CREATE TABLE / INSERT INTO), by their table name or columns.
// Tables moocreport has no reader for are Unread, named.
func RDPTable(s *Sample) Match {
	lines := s.Lines()
	first := ""
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			first = strings.TrimSpace(l)
			break
		}
	}
	if sqlStart.MatchString(first) && !strings.Contains(first, "\t") {
		return rdpDump(s)
	}
	if !strings.Contains(first, "\t") {
		return Match{}
	}
	cols := strings.Split(first, "\t")
	has := map[string]bool{}
	for _, c := range cols {
		has[c] = true
	}
	best := Match{}
	for _, name := range slices.Sorted(maps.Keys(rdpTables)) {
		t := rdpTables[name]
		n := 0
		for _, c := range t.cols {
			if has[c] {
				n++
			}
		}
		if c := confidence(n, len(t.cols)); c > best.Confidence {
			best = Match{Kind: Source, Format: t.format, Confidence: c, Layout: "TSV",
				Saw: fmt.Sprintf("research data package table %s (tab-separated; columns %s)", name, list(cols, 6))}
		}
	}
	if best.Confidence > 0 {
		best.CourseIDs = findCourseIDs(string(s.Text))
	}
	return best
}

func rdpDump(s *Sample) Match {
	m := sqlTable.FindStringSubmatch(string(s.Text))
	if m == nil {
		return Match{}
	}
	name := m[1]
	t, ok := rdpTables[name]
	if !ok {
		return Match{Kind: Unread, Format: name, Confidence: 0.9, Layout: "MySQL dump",
			Saw: fmt.Sprintf("MySQL dump of the LMS table %s, which moocreport has no reader for", name)}
	}
	return Match{Kind: Source, Format: t.format, Confidence: 1, Layout: "MySQL dump", CourseIDs: findCourseIDs(string(s.Text)),
		Saw: fmt.Sprintf("MySQL dump of the LMS table %s", name)}
}

func findCourseIDs(text string) []string {
	set := map[string]bool{}
	for _, id := range courseIDs.FindAllString(text, -1) {
		set[id] = true
	}
	return slices.Sorted(maps.Keys(set))
}

var (
	blocksRoot     = regexp.MustCompile(`"root"\s*:\s*"block-v1:([^+"]+)\+([^+"]+)\+([^+"]+)\+type@course`)
	blocksCourseID = regexp.MustCompile(`"course_id"\s*:\s*"([^"]+)"`)
)

// CourseBlocks recognises the course blocks API's answer (one JSON object,
// or one per line as the analytics pipeline writes course_blocks.json):
// an object with "blocks" and a "root" block or a "course_id".
func CourseBlocks(s *Sample) Match {
	text := strings.TrimSpace(string(s.Text))
	if !strings.HasPrefix(text, "{") || !strings.Contains(text, `"blocks"`) {
		return Match{}
	}
	set := map[string]bool{}
	for _, m := range blocksRoot.FindAllStringSubmatch(text, -1) {
		set["course-v1:"+m[1]+"+"+m[2]+"+"+m[3]] = true
	}
	for _, m := range blocksCourseID.FindAllStringSubmatch(text, -1) {
		set[m[1]] = true
	}
	if len(set) == 0 {
		return Match{}
	}
	m := Match{Kind: Source, Format: "edx-course-blocks", Confidence: 0.9}
	for id := range set {
		m.CourseIDs = append(m.CourseIDs, id)
	}
	sort.Strings(m.CourseIDs)
	m.Saw = "Open edX course structure (course blocks API JSON) of " + list(m.CourseIDs, 4)
	return m
}

package scaffold

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/moocreport/moocreport/report/detect"
)

// linkMeta are the Qualtrics columns that may hold a learner id.
var linkMeta = map[string]bool{"ExternalReference": true, "ExternalDataReference": true, "RecipientEmail": true, "EmailAddress": true}

// idKinds are the kinds of learner id a survey column may hold, in the
// order preferred on a tie (ingest links by username).
var idKinds = []string{"username", "user_id", "email"}

func (ids *learnerIDs) set(kind string) map[string]bool {
	switch kind {
	case "user_id":
		return ids.userIDs
	case "email":
		return ids.emails
	}
	return ids.usernames
}

// linkage finds the column linking responses to learners: the one whose
// values most often are the usernames, user ids or e-mail addresses of one
// course's learners (from its profile, grade report and logs), at least
// 30 % of them. An id column holds mostly different values, and none of
// Qualtrics' own columns but the external reference and e-mail is one
// (a Finished column of 1s must not pass for user id 1). It sets the
// survey's course too. It returns the column, or -1.
func (p *Plan) linkage(sv *Survey, e export, qsf map[string]*qsfQuestion) int {
	best, bestN, bestOf := -1, 0, 0
	var bestCourse *Course
	bestKind := ""
	for i := range e.ids {
		vals := e.answers(i)
		if !e.mayLink(sv.Format, i, vals) || findQSF(qsf, e.ids[i]) != nil {
			continue
		}
		for _, c := range p.Courses {
			ids := p.learners(c.CourseID)
			for _, kind := range idKinds {
				set, n := ids.set(kind), 0
				for _, v := range vals {
					if set[strings.TrimSpace(v)] {
						n++
					}
				}
				if n > bestN {
					best, bestN, bestOf, bestCourse, bestKind = i, n, len(vals), c, kind
				}
			}
		}
	}
	if best < 0 || bestN*10 < bestOf*3 {
		sv.LinkSaw = "CHECK: no column's values match the learners' usernames, user ids or e-mail addresses, so responses are not linked to learners (pre/post pairs need a link); name the column that holds the edX username"
		for i := range e.ids {
			if name := e.name(i); usernameCol.MatchString(name) {
				sv.LinkSaw += fmt.Sprintf(" (column %q looks like one, but its values are no learner's here)", name)
				break
			}
		}
		p.surveyCourse(sv)
		return -1
	}
	sv.IDColumn, sv.IDType, sv.Course = e.name(best), bestKind, bestCourse.Key
	sv.LinkSaw = fmt.Sprintf("%d of its %d values are %ss of learners of %s", bestN, bestOf, strings.ReplaceAll(bestKind, "_", " "), bestCourse.CourseID)
	sv.CourseSaw = "the course whose learners the linking column names"
	return best
}

var (
	usernameCol = regexp.MustCompile(`(?i)user ?name|user ?id|learner|student`)
	questionID  = regexp.MustCompile(`^[Qq][0-9]+`)
	smallCode   = regexp.MustCompile(`^[0-9]$`)
)

// mayLink says whether column i may hold learner ids: not one of
// Qualtrics' own columns (but the external reference and e-mail), not a
// question (an ImportId naming a QID, an id like Q12, or a question of
// the survey's definition, checked by the caller), values mostly
// different, and not all one-digit codes (answers coded 1–9 would match
// the small user ids of a test platform).
func (e export) mayLink(format string, i int, vals []string) bool {
	name := e.name(i)
	switch {
	case format == "qualtrics" && detect.QualtricsMeta(name) && !linkMeta[name]:
		return false
	case i < len(e.importIDs) && strings.Contains(e.importIDs[i], "QID"), format == "qualtrics" && questionID.MatchString(e.ids[i]):
		return false
	case len(counts(vals))*5 < len(vals)*4:
		return false
	}
	for _, v := range vals {
		if !smallCode.MatchString(strings.TrimSpace(v)) {
			return true
		}
	}
	return false
}

// surveyCourse picks the course of a survey with no linking column: the
// course whose number its file name holds, else the study course.
func (p *Plan) surveyCourse(sv *Survey) {
	base := strings.ToLower(path.Base(sv.Path))
	for _, c := range p.Courses {
		if _, num, _ := splitCourseID(c.CourseID); num != "" && strings.Contains(base, strings.ToLower(num)) {
			sv.Course, sv.CourseSaw = c.Key, "its file name holds the course number "+num
			return
		}
	}
	for _, c := range p.Courses {
		if c.Role == "study" {
			sv.Course, sv.CourseSaw = c.Key, "CHECK: nothing says which course it surveyed; the study course is assumed"
			return
		}
	}
}

var (
	preWord  = regexp.MustCompile(`(^|[^a-z])(pre|before|baseline|entry|intake|start)([^a-z]|$)`)
	postWord = regexp.MustCompile(`(^|[^a-z])(post|after|exit|end|final|closing)([^a-z]|$)`)
)

// surveyKeys names each survey's instrument: "pre" or "post" when its
// file name or title says so or, failing that, its responses' dates do;
// else "survey"; unique within a course.
func (p *Plan) surveyKeys() {
	used := map[string]bool{}
	for _, sv := range p.Surveys {
		name := strings.ToLower(path.Base(sv.Path) + " " + sv.Title)
		key := "survey"
		switch {
		case preWord.MatchString(name) && !postWord.MatchString(name):
			key, sv.KeySaw = "pre", "its name says pre"
			sv.Title = "Pre-course survey"
		case postWord.MatchString(name) && !preWord.MatchString(name):
			key, sv.KeySaw = "post", "its name says post"
			sv.Title = "Post-course survey"
		default:
			key, sv.KeySaw = p.byDate(sv)
		}
		k := key
		for n := 2; used[sv.Course+"/"+k]; n++ {
			k = fmt.Sprintf("%s-%d", key, n)
		}
		used[sv.Course+"/"+k] = true
		sv.Key = k
		if sv.Title == "" {
			sv.Title = humanize(path.Base(sv.Path))
		}
	}
}

func humanize(base string) string {
	base = strings.TrimSuffix(base, path.Ext(base))
	base = strings.NewReplacer("_", " ", "\\", "").Replace(base)
	if base == "" {
		return "Survey"
	}
	return strings.ToUpper(base[:1]) + base[1:]
}

// Comparison is a proposed comparison.
type Comparison struct {
	Kind, Study, Baseline, Course string
	Pairs                         [][2]string
	Saw                           string
}

// proposeComparisons compares the study course with each baseline (up to
// three; beyond, the choice is the author's), and each course's pre and
// post surveys on the Likert items both ask with the same words.
func (p *Plan) proposeComparisons() {
	var study *Course
	var baselines []*Course
	for _, c := range p.Courses {
		if c.Role == "study" {
			study = c
		} else {
			baselines = append(baselines, c)
		}
	}
	if study != nil && len(baselines) <= 3 {
		for _, b := range baselines {
			p.Comparisons = append(p.Comparisons, &Comparison{Kind: "courses", Study: study.Key, Baseline: b.Key,
				Saw: "the study course against a baseline: profile, pass rate, verified share, weekly activity"})
		}
	}
	for _, c := range p.Courses {
		pre, post := p.instrument(c.Key, "pre"), p.instrument(c.Key, "post")
		if pre == nil || post == nil {
			continue
		}
		cmp := &Comparison{Kind: "pre-post", Course: c.Key, Saw: "Likert items the pre and post surveys word alike"}
		for _, a := range pre.Questions {
			for _, b := range post.Questions {
				if a.Type == "likert" && b.Type == "likert" && a.Scale == b.Scale && strings.EqualFold(a.Label, b.Label) {
					cmp.Pairs = append(cmp.Pairs, [2]string{a.ID, b.ID})
				}
			}
		}
		if len(cmp.Pairs) > 0 {
			p.Comparisons = append(p.Comparisons, cmp)
		}
	}
	sort.SliceStable(p.Comparisons, func(i, j int) bool { return p.Comparisons[i].Kind < p.Comparisons[j].Kind })
}

func (p *Plan) instrument(course, key string) *Survey {
	for _, sv := range p.Surveys {
		if sv.Course == course && sv.Key == key {
			return sv
		}
	}
	return nil
}

// byDate names an instrument by when it was answered: before the end of
// the course's first week, pre; in its last week or after, post.
func (p *Plan) byDate(sv *Survey) (string, string) {
	c := p.courseByKey(sv.Course)
	if c == nil || sv.when.IsZero() || c.Start.Equal(defaultStart) {
		return "survey", "CHECK: neither its name nor its dates say pre or post"
	}
	day := sv.when.Format("2006-01-02")
	switch {
	case sv.when.Before(c.Start.AddDate(0, 0, 7)):
		return "pre", fmt.Sprintf("its responses' median date %s is before the end of the course's first week", day)
	case !sv.when.Before(c.Start.AddDate(0, 0, 7*(c.Weeks-1))):
		return "post", fmt.Sprintf("its responses' median date %s is in the course's last week or after", day)
	}
	return "survey", fmt.Sprintf("CHECK: its responses' median date %s is mid-course; its name says neither pre nor post", day)
}

package scaffold

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/moocreport/moocreport/report/detect"
)

// Survey is one survey instrument of the proposed study.
type Survey struct {
	Key, Course, Title, Format, Path string
	// IDColumn links responses to learners; IDType says what it holds:
	// "username", "user_id" or "email".
	IDColumn, IDType, FinishedColumn string
	KeySaw, CourseSaw, LinkSaw       string
	Saw                              string
	// Notes are comments on the survey: columns left out, a definition
	// used, a quirk of the export.
	Notes     []string
	Questions []*Question
	// when is the median date of the responses, zero when the export
	// has no date column.
	when time.Time
}

// Question is one declared question.
type Question struct {
	ID, Column, Label, Type, Scale string
	Options                        []string
	Saw                            string
}

// export is a survey file split into its header rows and responses.
type export struct {
	ids, texts, importIDs []string
	rows                  [][]string
}

func (p *Plan) surveys(byFormat map[string][]detect.Result) {
	for _, f := range []string{"qualtrics", "limesurvey", "csv"} {
		for _, r := range byFormat[f] {
			p.survey(r, byFormat["qsf"])
		}
	}
	p.surveyKeys()
	sort.SliceStable(p.Surveys, func(i, j int) bool {
		a, b := p.Surveys[i], p.Surveys[j]
		return a.Course < b.Course || a.Course == b.Course && keyOrder(a.Key) < keyOrder(b.Key)
	})
}

func split(r detect.Result, rows [][]string) export {
	e := export{ids: rows[0], texts: rows[0], rows: rows[1:]}
	if r.Format != "qualtrics" || len(rows) < 2 {
		return e
	}
	e.texts, e.rows = rows[1], rows[2:]
	if r.Layout == "3-row" && len(rows) > 2 {
		e.importIDs, e.rows = rows[2], rows[3:]
	}
	return e
}

func (p *Plan) survey(r detect.Result, defs []detect.Result) {
	rows, err := readTable(p.abs(r.Path))
	if err != nil || len(rows) == 0 {
		p.note(r.Path, "could not be read: %v", err)
		return
	}
	e := split(r, rows)
	sv := &Survey{Format: r.Format, Path: globEscape(r.Path), Saw: r.Saw}
	qsf := p.definition(r.Path, defs, sv)
	if r.Format == "qualtrics" && r.Layout == "3-row" && len(e.importIDs) > 0 && strings.HasPrefix(firstCell(e.importIDs), "{'") {
		sv.Notes = append(sv.Notes, "CHECK: this export writes its ImportId row with single quotes; moocreport's reader expects JSON (double quotes) and would read that row as a response")
	}
	sv.when = e.medianDate()
	link := p.linkage(sv, e, qsf)
	for i := range e.ids {
		if i == link {
			continue
		}
		if q := p.question(sv, e, i, qsf); q != nil {
			sv.Questions = append(sv.Questions, q)
		}
	}
	p.Surveys = append(p.Surveys, sv)
}

func firstCell(row []string) string {
	for _, c := range row {
		if c != "" {
			return c
		}
	}
	return ""
}

// definition finds the Qualtrics .qsf beside an export (in its folder; of
// several, the one whose name shares most with the export's).
func (p *Plan) definition(path string, defs []detect.Result, sv *Survey) map[string]*qsfQuestion {
	dir := dirOf(path)
	base := strings.TrimSuffix(path[len(dir):], filepath.Ext(path))
	var best string
	bestN := -1
	for _, d := range defs {
		if dirOf(d.Path) != dir {
			continue
		}
		n := len(commonPrefix([]string{strings.TrimPrefix(base, "/"), d.Path[len(dir)+1:]}))
		if n > bestN {
			best, bestN = d.Path, n
		}
	}
	if best == "" {
		return nil
	}
	name, qs, err := readQSF(p.abs(best))
	if err != nil {
		p.note(best, "survey definition unreadable: %v", err)
		return nil
	}
	sv.Title = name
	sv.Notes = append(sv.Notes, fmt.Sprintf("question types and choice order from the survey definition %s", best))
	return qs
}

var (
	personal  = regexp.MustCompile(`(?i)e-?mail|ip ?address|ipaddr|^name$|first ?name|last ?name|full ?name|phone|latitude|longitude|^token$|user ?name|user ?id|student ?id|learner ?id|anonymous_user_id|^uid$|edx_`)
	limeMeta  = map[string]bool{"id": true, "submitdate": true, "lastpage": true, "startlanguage": true, "seed": true, "token": true, "startdate": true, "datestamp": true, "ipaddr": true, "refurl": true}
	stampCol  = regexp.MustCompile(`(?i)^(timestamp|zeitstempel|horodateur|marca temporal|start time|completion time|submitted|date submitted|submitted on|respondent id|collector id|start date|end date|id)$`)
	finishCol = regexp.MustCompile(`(?i)^(finished|complete|completed|status)$`)
	idChars   = regexp.MustCompile(`[^A-Za-z0-9_.\-]+`)
)

// name is a column's name: a legacy export's V1…Vn by their label.
func (e export) name(i int) string {
	if detectLegacy(e.ids[i]) && i < len(e.texts) && e.texts[i] != "" {
		return e.texts[i]
	}
	return e.ids[i]
}

var legacyV = regexp.MustCompile(`^V[0-9]+$`)

func detectLegacy(s string) bool { return legacyV.MatchString(s) }

// answers are a column's non-empty cells.
func (e export) answers(i int) []string {
	var out []string
	for _, row := range e.rows {
		if i < len(row) && strings.TrimSpace(row[i]) != "" {
			out = append(out, row[i])
		}
	}
	return out
}

// keyOrder sorts instruments pre, post, then the others by name.
func keyOrder(k string) string {
	switch k {
	case "pre":
		return "0"
	case "post":
		return "1"
	}
	return "2" + k
}

var dateCol = regexp.MustCompile(`(?i)^(startdate|start date|recordeddate|timestamp|submitdate|date submitted|submitted|completion time)$`)

// medianDate is the median of the responses' dates in the first date
// column (Qualtrics' StartDate, LimeSurvey's submitdate, Google Forms'
// Timestamp), read as YYYY-MM-DD or YYYY/MM/DD.
func (e export) medianDate() time.Time {
	for i := range e.ids {
		if !dateCol.MatchString(strings.TrimSpace(e.name(i))) {
			continue
		}
		var days []string
		for _, a := range e.answers(i) {
			if a = strings.ReplaceAll(strings.TrimSpace(a), "/", "-"); len(a) >= 10 {
				if _, err := time.Parse("2006-01-02", a[:10]); err == nil {
					days = append(days, a[:10])
				}
			}
		}
		if len(days) > 0 {
			sort.Strings(days)
			t, _ := time.Parse("2006-01-02", days[len(days)/2])
			return t
		}
	}
	return time.Time{}
}

package scaffold

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// writer builds study.yaml line by line; every value is written by quote
// or as a plain word, so the text is valid YAML whatever the exports
// hold.
type writer struct{ b strings.Builder }

func (w *writer) line(indent int, format string, args ...any) {
	w.b.WriteString(strings.Repeat(" ", indent))
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

// comment writes text as comment lines, wrapped near 100 columns.
func (w *writer) comment(indent int, text string) {
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return
	}
	width := max(40, 100-indent-2)
	var cur []string
	n := 0
	for _, word := range strings.Fields(text) {
		if n > 0 && n+1+len(word) > width {
			w.line(indent, "# %s", strings.Join(cur, " "))
			cur, n = nil, 0
		}
		cur = append(cur, word)
		n += len(word) + 1
	}
	w.line(indent, "# %s", strings.Join(cur, " "))
}

// quote writes s as a YAML double-quoted scalar. Go's escapes (\" \\ \n
// \t \xNN \uNNNN) are all YAML escapes too.
func quote(s string) string { return strconv.Quote(s) }

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// YAML is the proposed study.yaml.
func (p *Plan) YAML() []byte {
	w := &writer{}
	p.header(w)
	p.writeCourses(w)
	p.writeScales(w)
	p.writeComparisons(w)
	p.writeSurveys(w)
	return []byte(w.b.String())
}

func (p *Plan) header(w *writer) {
	root, _ := filepath.Abs(p.opt.Exports)
	w.comment(0, "Written by `moocreport init` from the exports in "+filepath.Base(root)+". Every guess is a comment saying what init saw; lines marked CHECK need your decision. Run `moocreport check`, then `moocreport build`. The reference of every key is in the README, section \"study.yaml reference\".")
	w.line(0, "id: %s", quote(slug(filepath.Base(root))))
	w.comment(0, "CHECK: the report's title, subtitle and authors")
	w.line(0, "title: %s", quote("A study of "+p.courseList()))
	w.line(0, "authors: []")
	w.line(0, "version: %s", quote("0.1.0"))
	w.line(0, "summary: %s", quote("First draft"))
	w.comment(0, "The pseudonymisation key, made at random by init. Keep it secret: do not publish this file with it, or delete the line and set MOOCREPORT_SALT instead.")
	w.line(0, "salt: %s", quote(p.opt.Salt))
	w.comment(0, "Counts below min_cell are shown as \"<5\". Free-text survey answers are never published unless publish_text: true.")
	w.line(0, "privacy:")
	w.line(2, "min_cell: 5")
	w.comment(0, "What counts as an active learner: insights (any event but enrolment, as Open edX Insights) or harvardx (courseware only).")
	w.line(0, "activity:")
	w.line(2, "preset: insights")
	w.line(0, "")
}

func (p *Plan) courseList() string {
	var names []string
	for _, c := range p.Courses {
		names = append(names, c.Short)
	}
	if len(names) > 3 {
		return fmt.Sprintf("%d courses", len(names))
	}
	return strings.Join(names, " and ")
}

func (p *Plan) writeCourses(w *writer) {
	w.line(0, "courses:")
	for _, c := range p.Courses {
		w.line(2, "- key: %s", c.Key)
		w.comment(4, "name: "+c.NameSaw)
		w.line(4, "name: %s", quote(c.Name))
		w.line(4, "short: %s", quote(c.Short))
		w.line(4, "course_id: %s", quote(c.CourseID))
		w.comment(4, "role: "+c.RoleSaw)
		w.line(4, "role: %s", c.Role)
		w.comment(4, "start and weeks: "+c.StartSaw)
		w.line(4, "start: %s", c.Start.Format("2006-01-02"))
		w.line(4, "weeks: %d", c.Weeks)
		w.comment(4, "pass_mark: "+c.PassSaw)
		w.line(4, "pass_mark: %s", strconv.FormatFloat(c.PassMark, 'f', -1, 64))
		w.line(4, "sources:")
		for _, s := range c.Sources {
			w.comment(6, s.Saw)
			w.line(6, "- {format: %s, path: %s}", s.Format, quote(p.studyPath(s.Path)))
		}
		for _, l := range c.Left {
			w.comment(4, "left out: "+l)
		}
	}
	w.line(0, "")
}

func (p *Plan) writeScales(w *writer) {
	if len(p.Scales) == 0 {
		return
	}
	w.line(0, "scales:")
	for _, s := range p.Scales {
		w.line(2, "%s:", s.Key)
		w.comment(4, s.Saw)
		w.line(4, "labels: %s", quoteList(s.Labels))
		if s.Items != nil {
			w.line(4, "items:")
			for _, inst := range slices.Sorted(maps.Keys(s.Items)) {
				w.line(6, "%s: %s", inst, quoteList(s.Items[inst]))
			}
		}
	}
	w.line(0, "")
}

func (p *Plan) writeComparisons(w *writer) {
	if len(p.Comparisons) == 0 {
		return
	}
	w.line(0, "comparisons:")
	for _, c := range p.Comparisons {
		w.comment(2, c.Saw)
		w.line(2, "- kind: %s", c.Kind)
		if c.Kind == "courses" {
			w.line(4, "study: %s", c.Study)
			w.line(4, "baseline: %s", c.Baseline)
			continue
		}
		w.line(4, "course: %s", c.Course)
		w.line(4, "pairs:")
		for _, pr := range c.Pairs {
			w.line(6, "- {pre: %s, post: %s}", quote(pr[0]), quote(pr[1]))
		}
	}
	w.line(0, "")
}

func (p *Plan) writeSurveys(w *writer) {
	if len(p.Surveys) == 0 {
		return
	}
	w.line(0, "surveys:")
	for _, sv := range p.Surveys {
		w.line(2, "- key: %s", sv.Key)
		w.comment(4, "key: "+sv.KeySaw)
		w.comment(4, "course: "+sv.CourseSaw)
		w.line(4, "course: %s", sv.Course)
		w.line(4, "title: %s", quote(sv.Title))
		w.comment(4, sv.Saw)
		w.line(4, "format: %s", sv.Format)
		w.line(4, "path: %s", quote(p.studyPath(sv.Path)))
		p.writeLink(w, sv)
		if sv.FinishedColumn != "" {
			w.line(4, "finished_column: %s", quote(sv.FinishedColumn))
		}
		for _, n := range sv.Notes {
			w.comment(4, n)
		}
		w.line(4, "questions:")
		for _, q := range sv.Questions {
			writeQuestion(w, q)
		}
	}
}

func (p *Plan) writeLink(w *writer, sv *Survey) {
	w.comment(4, "id_column: "+sv.LinkSaw)
	if sv.IDColumn == "" {
		// Declared, not hidden: the build would otherwise refuse a
		// survey with no way to link it.
		w.line(4, "linked: false")
		return
	}
	w.line(4, "id_column: %s", quote(sv.IDColumn))
	w.line(4, "id_type: %s", sv.IDType)
}

func writeQuestion(w *writer, q *Question) {
	w.comment(6, q.Saw)
	var b strings.Builder
	fmt.Fprintf(&b, "- {id: %s", quote(q.ID))
	if q.Column != "" {
		fmt.Fprintf(&b, ", column: %s", quote(q.Column))
	}
	fmt.Fprintf(&b, ", label: %s, type: %s", quote(q.Label), q.Type)
	if q.Scale != "" {
		fmt.Fprintf(&b, ", scale: %s", q.Scale)
	}
	if len(q.Options) > 0 {
		fmt.Fprintf(&b, ", options: %s", quoteList(q.Options))
	}
	w.line(6, "%s}", b.String())
}

package scaffold

import (
	"fmt"
	"slices"
	"strings"

	"github.com/moocreport/moocreport/report/detect"
)

// skip says why column i is not a question, or "" when it is one.
func (p *Plan) skip(sv *Survey, e export, i int) string {
	name := e.name(i)
	switch {
	case strings.TrimSpace(e.ids[i]) == "":
		return "-" // a trailing delimiter's empty column
	case sv.Format == "qualtrics" && (detect.QualtricsMeta(name) || detectLegacy(e.ids[i])):
		return "-" // Qualtrics' own columns: not worth a comment
	case sv.Format == "qualtrics" && i < len(e.importIDs) && e.importIDs[i] != "" && !strings.Contains(e.importIDs[i], "QID"):
		return fmt.Sprintf("column %s is embedded data (its ImportId names no question)", name)
	case sv.Format == "limesurvey" && limeMeta[strings.ToLower(name)]:
		return "-"
	case sv.Format == "csv" && stampCol.MatchString(strings.TrimSpace(name)):
		return "-"
	case personal.MatchString(name) || i < len(e.texts) && personal.MatchString(e.texts[i]) || mostlyEmails(e.answers(i)):
		return fmt.Sprintf("column %s holds personal data (names, learner ids, e-mail or IP addresses, locations): not declared, never read", name)
	}
	n := 0
	for _, id := range e.ids {
		if id == e.ids[i] {
			n++
		}
	}
	if n > 1 {
		return fmt.Sprintf("column %s appears %d times in the header: not declared, as its answers cannot be told apart", e.ids[i], n)
	}
	if sv.Format == "csv" && finishCol.MatchString(strings.TrimSpace(name)) && sv.FinishedColumn == "" {
		sv.FinishedColumn = name
		return "-"
	}
	return ""
}

func mostlyEmails(answers []string) bool {
	n := 0
	for _, a := range answers {
		if strings.Contains(a, "@") && !strings.Contains(strings.TrimSpace(a), " ") {
			n++
		}
	}
	return n > 0 && n*2 >= len(answers)
}

// question declares column i of a survey, or says why not.
func (p *Plan) question(sv *Survey, e export, i int, qsf map[string]*qsfQuestion) *Question {
	if why := p.skip(sv, e, i); why != "" {
		if why != "-" {
			sv.Notes = append(sv.Notes, why)
		}
		return nil
	}
	col := e.ids[i]
	text := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(e.texts[min(i, len(e.texts)-1)]), " - Selected Choice"))
	q := &Question{ID: idChars.ReplaceAllString(col, "_"), Label: text}
	if sv.Format == "csv" {
		q.ID = fmt.Sprintf("q%d", len(sv.Questions)+1)
	}
	if q.ID != col {
		q.Column = col
	}
	stem := ""
	if itemSuffix.MatchString(col) || strings.Contains(col, "#") {
		if a, b, ok := strings.Cut(text, " - "); ok && b != "" {
			stem, q.Label = a, b
		}
	}
	if q.Label == "" || sv.Format == "limesurvey" && q.Label == col {
		q.Label = col
	}
	var g guess
	ok := false
	if qq := findQSF(qsf, col); qq != nil {
		if label, ok := statement(qq, col); ok {
			stem, q.Label = qq.Text, label
		}
		g, ok = fromQSF(qq, col)
		if ok && g.typ == "single" && len(g.choices) > 0 {
			if key, labels := knownScale(counts(g.choices)); key != "" && len(labels) == len(g.choices) {
				g = guess{typ: "likert", labels: labels, scale: key, saw: g.saw + "; its choices are the " + key + " scale"}
			}
		}
	}
	if !ok {
		g = guessType(col, text, e.answers(i))
	}
	p.declare(q, g, sv)
	if stem != "" {
		q.Saw += fmt.Sprintf("; the question: %q", stem)
	}
	return q
}

// declare sets a question's type from a guess, adding its scale.
func (p *Plan) declare(q *Question, g guess, sv *Survey) {
	q.Type, q.Saw = g.typ, g.saw
	switch g.typ {
	case "likert":
		key := g.scale
		if key == "" {
			if k, labels := knownScale(counts(g.labels)); k != "" && len(labels) == len(g.labels) {
				key = k
			} else {
				key = slug(sv.Format + "-" + strings.ToLower(strings.SplitN(q.ID, "_", 2)[0]) + "-points")
			}
		}
		saw := fmt.Sprintf("the scale points of %s in the survey's definition, lowest first", q.ID)
		if g.scale != "" {
			saw = fmt.Sprintf("a common %s scale, lowest point first; %s's answers are its labels", strings.TrimRight(g.scale, "0123456789"), q.ID)
		}
		q.Scale = p.scale(key, g.labels, saw)
	case "multi":
		if slices.ContainsFunc(g.options, func(o string) bool { return strings.Contains(o, ",") }) {
			q.Options = g.options
		} else if len(g.options) > 0 {
			q.Saw += ": " + strings.Join(g.options, "; ")
		}
	case "single":
		if len(g.choices) > 0 {
			q.Saw += ": " + strings.Join(g.choices, "; ")
		}
	}
}

func counts(list []string) map[string]int {
	m := map[string]int{}
	for _, s := range list {
		m[s]++
	}
	return m
}

// statement is a matrix row's statement, from the definition: the column
// is the question's tag, "_" and the statement's choice id.
func statement(qq *qsfQuestion, col string) (string, bool) {
	if qq.Type != "Matrix" {
		return "", false
	}
	id := strings.TrimPrefix(col, qq.Tag+"_")
	for _, c := range qq.Choices {
		if c.ID == id && c.Text != "" {
			return c.Text, true
		}
	}
	return "", false
}

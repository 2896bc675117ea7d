package scaffold

import (
	"encoding/json"
	"html"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// qsfQuestion is one question of a Qualtrics survey definition (.qsf):
// the fields that say its type and the display order of its choices.
type qsfQuestion struct {
	Tag, Text, Type, Selector, SubSelector string
	Choices                                []qsfChoice // in display order
	Answers                                []qsfChoice // a matrix's scale points, in display order
}

type qsfChoice struct{ ID, Text string }

// qsfFile is the part of a .qsf the scaffold reads.
type qsfFile struct {
	SurveyEntry struct {
		SurveyName string
	}
	SurveyElements []struct {
		Element string
		Payload json.RawMessage
	}
}

type qsfPayload struct {
	DataExportTag, QuestionText, QuestionType, Selector, SubSelector string
	Choices, Answers                                                 json.RawMessage
	ChoiceOrder, AnswerOrder                                         []any
}

// readQSF reads a survey definition: its name and questions by export tag.
func readQSF(path string) (string, map[string]*qsfQuestion, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", nil, err
	}
	var f qsfFile
	if err := json.Unmarshal(b, &f); err != nil {
		return "", nil, err
	}
	qs := map[string]*qsfQuestion{}
	for _, e := range f.SurveyElements {
		if e.Element != "SQ" {
			continue
		}
		var p qsfPayload
		if json.Unmarshal(e.Payload, &p) != nil || p.DataExportTag == "" {
			continue
		}
		qs[p.DataExportTag] = &qsfQuestion{Tag: p.DataExportTag, Text: plain(p.QuestionText), Type: p.QuestionType,
			Selector: p.Selector, SubSelector: p.SubSelector,
			Choices: ordered(p.Choices, p.ChoiceOrder), Answers: ordered(p.Answers, p.AnswerOrder)}
	}
	return f.SurveyEntry.SurveyName, qs, nil
}

// ordered lists a .qsf choice map ({"1": {"Display": "…"}}, or a list) in
// the order given, else by numeric id.
func ordered(raw json.RawMessage, order []any) []qsfChoice {
	var m map[string]struct{ Display string }
	if json.Unmarshal(raw, &m) != nil || len(m) == 0 {
		return nil
	}
	var ids []string
	for _, o := range order {
		id := strings.TrimSuffix(strings.TrimSuffix(jsonString(o), ".0"), " ")
		if _, ok := m[id]; ok {
			ids = append(ids, id)
		}
	}
	if len(ids) != len(m) {
		ids = ids[:0]
		for id := range m {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool {
			a, ea := strconv.Atoi(ids[i])
			b, eb := strconv.Atoi(ids[j])
			if ea == nil && eb == nil {
				return a < b
			}
			return ids[i] < ids[j]
		})
	}
	out := make([]qsfChoice, len(ids))
	for i, id := range ids {
		out[i] = qsfChoice{ID: id, Text: plain(m[id].Display)}
	}
	return out
}

func jsonString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

var tags = regexp.MustCompile(`<[^>]*>`)

// plain turns a .qsf's HTML text into plain text on one line.
func plain(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(s, " "))), " ")
}

// find returns the .qsf question a column belongs to: the longest export
// tag that is the column or its prefix before "_" or "#".
func findQSF(qs map[string]*qsfQuestion, col string) *qsfQuestion {
	var best *qsfQuestion
	for tag, q := range qs {
		if col == tag || strings.HasPrefix(col, tag+"_") || strings.HasPrefix(col, tag+"#") {
			if best == nil || len(tag) > len(best.Tag) {
				best = q
			}
		}
	}
	return best
}

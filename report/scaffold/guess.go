package scaffold

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// guess is what the answers (and a .qsf, when there is one) say about a
// question.
type guess struct {
	typ     string
	labels  []string // a Likert item's scale, lowest first
	scale   string   // key of a known scale, or "" for labels from a .qsf
	options []string // a select-all question's options, in display order
	choices []string // a single-choice question's choices, in display order (a comment)
	saw     string
}

var selectAll = regexp.MustCompile(`(?i)select all|all that apply|check all|choose all|mark all`)

// guessType guesses a question's type from its answers: Likert when every
// answer is a label of a known agreement, frequency or rating scale;
// multi when the text asks to select all or answers join several options
// with commas; numeric when every answer is a number; text when answers
// are long, mostly different or all different (a column of names or ids
// must never become a table of its values); single otherwise.
func guessType(id, text string, answers []string) guess {
	counts := map[string]int{}
	for _, a := range answers {
		counts[strings.TrimSpace(a)]++
	}
	n, distinct := len(answers), len(counts)
	if n == 0 {
		if strings.HasSuffix(id, "_TEXT") {
			return guess{typ: "text", saw: "no answers; a _TEXT column is text entry"}
		}
		return guess{typ: "single", saw: "CHECK: no answers to judge the type from"}
	}
	if key, labels := knownScale(counts); key != "" {
		return guess{typ: "likert", labels: labels, scale: key, saw: fmt.Sprintf("every answer is a label of the %s scale (%d answers)", key, n)}
	}
	numeric, long := 0, 0
	for a := range counts {
		if _, err := strconv.ParseFloat(a, 64); err == nil {
			numeric++
		}
		if len([]rune(a)) > 40 {
			long++
		}
	}
	if strings.HasSuffix(id, "_TEXT") {
		return guess{typ: "text", saw: "a _TEXT column holds typed-in text"}
	}
	if opts := multiOptions(counts); selectAll.MatchString(text) || opts != nil {
		return guess{typ: "multi", saw: fmt.Sprintf("%d answers; %s", n, multiWhy(text, opts))}
	}
	if numeric == distinct {
		saw := fmt.Sprintf("every answer is a number (%d answers, %d different: %s)", n, distinct, sample(counts, 5))
		if codedScale(counts) {
			saw += "; CHECK: whole numbers within 1–7 may be a coded scale: with the survey's .qsf beside the export, init reads its labels"
		}
		return guess{typ: "numeric", saw: saw}
	}
	if long > 0 || distinct > 12 && distinct*2 > n || n >= 3 && distinct == n {
		return guess{typ: "text", saw: fmt.Sprintf("free text: %d of %d answers differ", distinct, n)}
	}
	return guess{typ: "single", saw: fmt.Sprintf("%d answers, %d different: %s", n, distinct, sample(counts, 6))}
}

// multiOptions returns the options of a select-all column in choice-text
// form (chosen labels joined by ","), or nil: at least two answers hold a
// comma and every comma-separated part recurs as an answer's part.
func multiOptions(counts map[string]int) []string {
	joined := 0
	parts := map[string]int{}
	for a, n := range counts {
		ps := strings.Split(a, ",")
		if len(ps) > 1 {
			joined += n
		}
		for _, p := range ps {
			parts[strings.TrimSpace(p)] += n
		}
	}
	if joined < 2 || len(parts) > 15 {
		return nil
	}
	for _, n := range parts {
		if n < 2 {
			return nil
		}
	}
	return slices.Sorted(maps.Keys(parts))
}

func multiWhy(text string, opts []string) string {
	if selectAll.MatchString(text) {
		return "the question asks to select all that apply"
	}
	return "answers join the options " + strings.Join(opts, ", ") + " with commas"
}

// sample lists the commonest answers for a comment. Only answers given at
// least twice are shown: an answer one learner gave may identify them,
// and study.yaml is shared more widely than the exports.
func sample(counts map[string]int, k int) string {
	var keys []string
	for _, a := range slices.Sorted(maps.Keys(counts)) {
		if counts[a] >= 2 {
			keys = append(keys, a)
		}
	}
	sort.SliceStable(keys, func(i, j int) bool { return counts[keys[i]] > counts[keys[j]] })
	rare := len(counts) - len(keys)
	if len(keys) > k {
		rare += len(keys) - k
		keys = keys[:k]
	}
	out := strings.Join(quoteAll(keys), ", ")
	switch {
	case len(keys) == 0:
		return "none given twice"
	case rare > 0:
		out += fmt.Sprintf(" and %d more", rare)
	}
	return out
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = strconv.Quote(x)
	}
	return out
}

// fromQSF types a column by its question in the survey's .qsf: text entry
// is text, a slider numeric, a single-answer matrix's row a Likert item on
// the matrix's scale points, multiple choice single or multi by its
// selector (one column per option is one single yes/blank column each).
// Other question types are left to the answers.
func fromQSF(q *qsfQuestion, col string) (guess, bool) {
	saw := fmt.Sprintf("the survey definition says %s %s", q.Type, strings.TrimSpace(q.Selector+" "+q.SubSelector))
	switch {
	case strings.HasSuffix(col, "_TEXT") || q.Type == "TE":
		return guess{typ: "text", saw: saw + " (text entry)"}, true
	case q.Type == "Slider":
		return guess{typ: "numeric", saw: saw}, true
	case q.Type == "Matrix" && q.SubSelector != "MultipleAnswer" && col != q.Tag && len(q.Answers) >= 2:
		return guess{typ: "likert", labels: texts(q.Answers), saw: saw + "; its scale points in display order"}, true
	case q.Type == "Matrix":
		return guess{typ: "single", saw: saw + "; one column per statement and scale point"}, true
	case q.Type == "MC" && strings.HasPrefix(q.Selector, "MA") || q.Selector == "MSB":
		if col == q.Tag {
			return guess{typ: "multi", options: texts(q.Choices), saw: saw + " (select all that apply); options in display order"}, true
		}
		return guess{typ: "single", saw: saw + " (select all that apply), exported one column per option"}, true
	case q.Type == "MC":
		return guess{typ: "single", choices: texts(q.Choices), saw: saw + " (one answer)"}, true
	}
	return guess{}, false
}

func texts(cs []qsfChoice) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Text
	}
	return out
}

// codedScale says whether every answer is a whole number from 1 to 7, as
// a numeric-values export codes a scale's points.
func codedScale(counts map[string]int) bool {
	for a := range counts {
		if len(a) != 1 || a < "1" || a > "7" {
			return false
		}
	}
	return true
}

package ingest

import (
	"regexp"
	"strings"
	"testing"
)

// Floors TestRedactCorpus enforces on testdata/redact/corpus.txt.
const (
	minRecall    = 0.98 // identifiers fully removed / identifiers
	minPrecision = 0.98 // identifier words removed / all words removed
)

var markRE = regexp.MustCompile(`\[\[([euipn]):(.*?)\]\]`)

var markPlaceholder = map[string]string{"e": phEmail, "u": phURL, "i": phIP, "p": phPhone, "n": phName}

// corpusAnswer is one answer of the corpus: its text and its identifiers.
type corpusAnswer struct {
	text, plain string   // input; input with the identifiers removed
	ids         []string // the identifiers as written
}

func readCorpus(t *testing.T) (*Redactor, []corpusAnswer) {
	var r Redactor
	var out []corpusAnswer
	for _, line := range strings.Split(string(readFixture(t, "redact/corpus.txt")), "\n") {
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "person: "):
			u, name, _ := strings.Cut(strings.TrimPrefix(line, "person: "), " | ")
			r.addPerson(u, name)
		default:
			a := corpusAnswer{text: markRE.ReplaceAllString(line, "$2"), plain: markRE.ReplaceAllString(line, " ")}
			for _, m := range markRE.FindAllStringSubmatch(line, -1) {
				a.ids = append(a.ids, m[2])
			}
			out = append(out, a)
		}
	}
	return &r, out
}

// words returns the folded words of s, placeholders left out, counted.
func words(s string) map[string]int {
	for _, p := range markPlaceholder {
		s = strings.ReplaceAll(s, p, " ")
	}
	f := fold(s).text
	m := map[string]int{}
	for _, tok := range tokens(f) {
		for i := 0; i+1 < len(tok); i++ {
			m[f[tok[i]:pieceEnd(f, tok, i+1)]]++
		}
	}
	return m
}

// TestRedactCorpus redacts every answer of the corpus and measures, word
// by word, what leaked and what was lost: recall counts identifiers none
// of whose words is left in the output, precision the words removed that
// were identifiers among all words removed.
func TestRedactCorpus(t *testing.T) {
	r, answers := readCorpus(t)
	if len(answers) < 100 {
		t.Fatalf("corpus has %d answers, want at least 100", len(answers))
	}
	var ids, caught, idWords, lost int
	for _, a := range answers {
		got := r.Redact(a.text)
		out, plain := words(got), words(a.plain)
		for w, n := range plain {
			if out[w] < n {
				lost += n - out[w]
				t.Logf("false positive: %q lost from %q → %q", w, a.text, got)
			}
		}
		for _, id := range a.ids {
			ids++
			leak := false
			for w, n := range words(id) {
				idWords += n
				if out[w] > plain[w] {
					leak = true
					idWords -= min(n, out[w]-plain[w])
				}
			}
			if leak {
				t.Logf("missed: %q in %q → %q", id, a.text, got)
			} else {
				caught++
			}
		}
	}
	recall := float64(caught) / float64(ids)
	precision := float64(idWords) / float64(idWords+lost)
	t.Logf("corpus: %d answers, %d identifiers; recall %.3f (%d caught), precision %.3f (%d identifier words removed, %d other words lost)",
		len(answers), ids, recall, caught, precision, idWords, lost)
	if recall < minRecall {
		t.Errorf("recall %.3f under the floor %.2f", recall, minRecall)
	}
	if precision < minPrecision {
		t.Errorf("precision %.3f under the floor %.2f", precision, minPrecision)
	}
}

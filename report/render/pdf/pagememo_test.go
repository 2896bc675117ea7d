package pdf

import (
	"bytes"
	"sync"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestPageMemoSameBytes renders a report compressing every page, through a
// memo that keeps the compressed pages by content (all made), through the
// same memo again (none made), after a sentence is added to the
// introduction (only the pages that changed made), and through a memo
// that keeps nothing: the PDF without a memo every time.
func TestPageMemoSameBytes(t *testing.T) {
	render := func(doc *report.Document, memo func(string, func() []byte) []byte) []byte {
		t.Helper()
		o := sampleOptions()
		o.PageMemo = memo
		var buf bytes.Buffer
		if err := Render(&buf, doc, o); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	var mu sync.Mutex
	stored := map[string][]byte{}
	made := 0
	keep := func(key string, make func() []byte) []byte {
		mu.Lock()
		b, ok := stored[key]
		mu.Unlock()
		if ok {
			return b
		}
		b = make()
		mu.Lock()
		made++
		stored[key] = b
		mu.Unlock()
		return b
	}
	edited := exampleLikeDoc()
	edited.Sections[0].Blocks = append(edited.Sections[0].Blocks, report.Block{Markdown: "One more sentence."})
	for _, tc := range []struct {
		name     string
		doc      *report.Document
		memo     func(string, func() []byte) []byte
		fewer    bool // fewer pages made than the PDF has, but some
		wantMade int
	}{
		{"first render", exampleLikeDoc(), keep, false, -1},
		{"second render", exampleLikeDoc(), keep, false, 0},
		{"a sentence added", edited, keep, true, 0},
		{"made every time", edited, func(_ string, make func() []byte) []byte { return make() }, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := render(tc.doc, nil)
			made = 0
			got := render(tc.doc, tc.memo)
			if !bytes.Equal(got, want) {
				t.Errorf("the PDF differs from the one rendered without a memo")
			}
			pages := bytes.Count(want, []byte("/Type /Page\n"))
			switch {
			case tc.wantMade == -1 && made != pages:
				t.Errorf("%d pages compressed, want all %d", made, pages)
			case tc.fewer && (made == 0 || made >= pages):
				t.Errorf("%d pages compressed after an edit to one section, want some of %d", made, pages)
			case !tc.fewer && tc.wantMade >= 0 && made != tc.wantMade:
				t.Errorf("%d pages compressed, want %d", made, tc.wantMade)
			}
		})
	}
}

package pdf

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// TestFontMemoSameBytes renders a report parsing and subsetting its fonts
// every time, through a memo that makes them (and counts them), through the
// same memo again (everything reused, nothing made), and through memos
// whose stored bytes are damaged or missing: the same PDF every time.
func TestFontMemoSameBytes(t *testing.T) {
	doc := exampleLikeDoc()
	opt := sampleOptions()
	var want bytes.Buffer
	if err := Render(&want, doc, opt); err != nil {
		t.Fatal(err)
	}
	stored := map[string][]byte{}
	made := 0
	keep := func(key string, make func() []byte) []byte {
		if b, ok := stored[key]; ok {
			return b
		}
		made++
		stored[key] = make()
		return stored[key]
	}
	damaged := func(key string, make func() []byte) []byte { // a half entry
		b := make()
		return b[:len(b)/2]
	}
	empty := func(key string, make func() []byte) []byte { return nil }
	// Metrics kept, subsets not: the font is parsed only to subset it.
	metricsOnly := func(key string, make func() []byte) []byte {
		if strings.HasPrefix(key, "utf8-metrics-") {
			return keep(key, make)
		}
		return make()
	}
	for _, tc := range []struct {
		name string
		memo func(string, func() []byte) []byte
		made int // metrics and subsets made by this render through keep
	}{
		{"first render", keep, 12}, // five faces of text, one of the charts' labels
		{"second render", keep, 0},
		{"damaged entries", damaged, 0},
		{"empty entries", empty, 0},
		{"metrics kept, subsets made", metricsOnly, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := opt
			o.FontMemo = tc.memo
			made = 0
			var got bytes.Buffer
			if err := Render(&got, doc, o); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("the PDF differs from the one rendered without a memo")
			}
			if made != tc.made {
				t.Errorf("%d metrics and subsets made, want %d", made, tc.made)
			}
		})
	}
	named := regexp.MustCompile(`^(utf8-metrics-2 \w+ \d+-[0-9a-f]{8}|utf8-subset-1 UTF8 \w+ \d+-[0-9a-f]{8} [0-9a-f]{40}( \d+:\d+)+)$`)
	for key := range stored {
		if !named.MatchString(key) {
			t.Errorf("key %.60q… does not name the font's file (and a subset's characters)", key)
		}
	}
}

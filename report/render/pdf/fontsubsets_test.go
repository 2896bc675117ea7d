package pdf

import (
	"bytes"
	"regexp"
	"testing"
)

// TestFontSubsetsSameBytes renders a report making its fonts' subsets every
// time, through a memo that makes them (and counts them), through the same
// memo again (every subset reused, none made), and through memos whose
// stored bytes are damaged or another font's: the same PDF every time.
func TestFontSubsetsSameBytes(t *testing.T) {
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
	damaged := func(key string, make func() []byte) []byte {
		b := make()
		return b[:len(b)/2]
	}
	other := func(key string, make func() []byte) []byte { return nil }
	for _, tc := range []struct {
		name string
		memo func(string, func() []byte) []byte
		made int // subsets made by this render through keep
	}{
		{"first render", keep, 6}, // five faces of text, one of the charts' labels
		{"second render", keep, 0},
		{"damaged entries", damaged, 0},
		{"empty entries", other, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := opt
			o.FontSubsets = tc.memo
			made = 0
			var got bytes.Buffer
			if err := Render(&got, doc, o); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("the PDF differs from the one rendered without a memo")
			}
			if made != tc.made {
				t.Errorf("%d subsets made, want %d", made, tc.made)
			}
		})
	}
	named := regexp.MustCompile(`^utf8-subset-1 UTF8 \w+ [0-9a-f]{40}( \d+:\d+)+$`)
	for key := range stored {
		if !named.MatchString(key) {
			t.Errorf("key %.60q… does not name the font and list the characters used", key)
		}
	}
}

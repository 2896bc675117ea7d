package pdf

import (
	"bytes"
	"testing"
)

// TestGuessedLayoutSameBytes renders a report with no guess of its layout,
// with the right guess (one pass instead of two) and with wrong ones (a
// pass more), and gets the same bytes every time.
func TestGuessedLayoutSameBytes(t *testing.T) {
	doc := exampleLikeDoc()
	opt := sampleOptions()
	var want bytes.Buffer
	lay, err := RenderLayout(&want, doc, opt)
	if err != nil {
		t.Fatal(err)
	}
	if lay.passes != 2 || lay.Pages < 2 || len(lay.Sections) != len(doc.Sections) {
		t.Fatalf("without a guess: %+v, want two passes, every section's page and the page count", lay)
	}
	shifted := append([]int(nil), lay.Sections...)
	shifted[len(shifted)-1]++
	for _, tc := range []struct {
		name   string
		guess  Layout
		passes int
	}{
		{"right guess", lay, 1},
		{"one page more", Layout{Sections: lay.Sections, Pages: lay.Pages + 1}, 2},
		{"a section moved", Layout{Sections: shifted, Pages: lay.Pages}, 2},
		{"a section missing", Layout{Sections: lay.Sections[1:], Pages: lay.Pages}, 2},
		{"empty", Layout{}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := opt
			o.Guess = &tc.guess
			var got bytes.Buffer
			l, err := RenderLayout(&got, doc, o)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("the PDF differs from the one rendered without a guess")
			}
			if l.passes != tc.passes {
				t.Errorf("%d layout passes, want %d", l.passes, tc.passes)
			}
			if l.Pages != lay.Pages {
				t.Errorf("layout %+v, want %+v", l, lay)
			}
		})
	}
}

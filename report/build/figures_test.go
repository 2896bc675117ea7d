package build

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestDrawEachFigureOnce: drawing all of a document's charts in the
// background while renderers ask for them draws each figure once per kind,
// gives every asker the same bytes, and hands a drawing's error to the
// renderer that asks for that figure.
func TestDrawEachFigureOnce(t *testing.T) {
	var figs []report.Block
	for i := range 12 {
		figs = append(figs, report.Block{Figure: &report.Figure{ID: fmt.Sprint("f", i)}})
	}
	doc := &report.Document{Sections: []report.Section{{Blocks: figs[:5]}, {Blocks: append([]report.Block{{Markdown: "text"}}, figs[5:]...)}}}
	var calls sync.Map
	var total atomic.Int32
	kind := func(name string) *drawn[[]byte] {
		return newDrawn(func(f *report.Figure) ([]byte, error) {
			total.Add(1)
			if n, _ := calls.LoadOrStore(name+f.ID, new(atomic.Int32)); n.(*atomic.Int32).Add(1) > 1 {
				t.Errorf("%s of %s drawn twice", name, f.ID)
			}
			if f.ID == "f7" {
				return nil, errors.New("cannot draw f7")
			}
			return []byte(name + f.ID), nil
		})
	}
	svg, png := kind("svg"), kind("png")
	d := drawAll(doc, svg, png)
	var wg sync.WaitGroup
	for _, k := range []*drawn[[]byte]{png, svg, png} {
		wg.Go(func() {
			for _, b := range figs {
				got, err := k.get(b.Figure)
				if b.Figure.ID == "f7" {
					if err == nil {
						t.Errorf("f7: no error")
					}
					continue
				}
				if err != nil || len(got) == 0 {
					t.Errorf("%s: %q, %v", b.Figure.ID, got, err)
				}
			}
		})
	}
	wg.Wait()
	d.stop()
	if total.Load() != 24 {
		t.Errorf("%d drawings, want 24 (12 figures, 2 kinds)", total.Load())
	}
}

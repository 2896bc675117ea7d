package build

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/moocreport/moocreport/report"
)

// drawing draws every chart of one version once per kind (wide SVG, phone
// SVG, the PDF's vectors, and the appendix's PNG when there is one) and
// shares the result between the renderers that show it: the
// web pages, the PDF's layout passes and the paper appendix. It starts
// drawing all of them at once, on as many cores as the process may use,
// while the pages are rendered; a renderer that asks for a chart not drawn
// yet waits for it, or draws it itself. Charts are pure functions of their
// figure, so the order in which they are drawn changes nothing in the
// output.
type drawing struct {
	stopped atomic.Bool
	wg      sync.WaitGroup
}

// drawn is one kind of drawing (T is []byte for SVG and PNG,
// *charts.Drawing for the PDF), each figure's done once.
type drawn[T any] struct {
	draw func(*report.Figure) (T, error)
	mu   sync.Mutex
	done map[*report.Figure]*drawnFigure[T]
}

type drawnFigure[T any] struct {
	once sync.Once
	v    T
	err  error
}

func newDrawn[T any](draw func(*report.Figure) (T, error)) *drawn[T] {
	return &drawn[T]{draw: draw, done: map[*report.Figure]*drawnFigure[T]{}}
}

// get returns f drawn, drawing it unless it is drawn or being drawn.
func (d *drawn[T]) get(f *report.Figure) (T, error) {
	d.mu.Lock()
	e := d.done[f]
	if e == nil {
		e = &drawnFigure[T]{}
		d.done[f] = e
	}
	d.mu.Unlock()
	e.once.Do(func() { e.v, e.err = d.draw(f) })
	return e.v, e.err
}

// drawer is a drawn of any type, as drawAll starts it.
type drawer interface{ warm(*report.Figure) }

// warm draws f unless it is drawn or being drawn; an error waits for the
// renderer that asks for f.
func (d *drawn[T]) warm(f *report.Figure) { d.get(f) }

// maxDrawers bounds the charts drawn at once: a PNG being drawn (for the
// appendix) holds a 2400-pixel image (about 13 MB), and a build's memory
// must not grow with the number of cores.
const maxDrawers = 4

// drawAll starts drawing every figure of doc in each of kinds, in that
// order of kinds, on GOMAXPROCS workers (at most maxDrawers). Errors are
// kept for the renderer that asks for the figure, which reports them as it
// would have.
func drawAll(doc *report.Document, kinds ...drawer) *drawing {
	d := &drawing{}
	var figs []*report.Figure
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			if b.Figure != nil {
				figs = append(figs, b.Figure)
			}
		}
	}
	type task struct {
		kind drawer
		fig  *report.Figure
	}
	tasks := make(chan task, len(figs)*len(kinds))
	for _, k := range kinds {
		for _, f := range figs {
			tasks <- task{k, f}
		}
	}
	close(tasks)
	for range min(runtime.GOMAXPROCS(0), maxDrawers, len(figs)*len(kinds)) {
		d.wg.Go(func() {
			for t := range tasks {
				if d.stopped.Load() {
					return
				}
				t.kind.warm(t.fig)
			}
		})
	}
	return d
}

// stop draws nothing more and waits for the drawings under way.
func (d *drawing) stop() {
	d.stopped.Store(true)
	d.wg.Wait()
}

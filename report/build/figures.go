package build

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/moocreport/moocreport/report"
)

// drawing draws every chart of one version once per kind (wide SVG, phone
// SVG, PNG) and shares the result between the renderers that show it: the
// web pages, the PDF's layout passes and the paper appendix. It starts
// drawing all of them at once, on as many cores as the process may use,
// while the pages are rendered; a renderer that asks for a chart not drawn
// yet waits for it, or draws it itself. Charts are pure functions of their
// figure, so the order in which they are drawn changes nothing in the
// output.
type drawing struct {
	kinds   []*drawn
	stopped atomic.Bool
	wg      sync.WaitGroup
}

// drawn is one kind of drawing, each figure's done once.
type drawn struct {
	draw func(*report.Figure) ([]byte, error)
	mu   sync.Mutex
	done map[*report.Figure]*drawnFigure
}

type drawnFigure struct {
	once sync.Once
	b    []byte
	err  error
}

func newDrawn(draw func(*report.Figure) ([]byte, error)) *drawn {
	return &drawn{draw: draw, done: map[*report.Figure]*drawnFigure{}}
}

// get returns f drawn, drawing it unless it is drawn or being drawn.
func (d *drawn) get(f *report.Figure) ([]byte, error) {
	d.mu.Lock()
	e := d.done[f]
	if e == nil {
		e = &drawnFigure{}
		d.done[f] = e
	}
	d.mu.Unlock()
	e.once.Do(func() { e.b, e.err = d.draw(f) })
	return e.b, e.err
}

// maxDrawers bounds the charts drawn at once: a PNG being drawn holds a
// 2400-pixel image (about 13 MB), and a build's memory must not grow with
// the number of cores.
const maxDrawers = 4

// drawAll starts drawing every figure of doc in each of kinds, in that
// order of kinds, on GOMAXPROCS workers (at most maxDrawers). Errors are
// kept for the renderer that asks for the figure, which reports them as it
// would have.
func drawAll(doc *report.Document, kinds ...*drawn) *drawing {
	d := &drawing{kinds: kinds}
	var figs []*report.Figure
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			if b.Figure != nil {
				figs = append(figs, b.Figure)
			}
		}
	}
	type task struct {
		kind *drawn
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
				t.kind.get(t.fig)
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

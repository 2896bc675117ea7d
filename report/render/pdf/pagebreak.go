package pdf

// Page-break rules, kept free of fpdf so they can be tested with numbers.
// Heights are in millimetres.

// eps absorbs floating-point noise when comparing heights.
const eps = 0.01

// tablePlan says how a table falls across pages: whether it must start on
// a new page, and how many body rows each page holds.
type tablePlan struct {
	newPage bool
	pages   []int
}

// planTable splits a table into pages. remaining is the height left on the
// current page, full the height of a fresh one, head the height repeated on
// every page (caption and header row), rows the body rows' heights and
// tail the height of what follows the table (its note and definition).
//
// The rules a reader expects: a table that fits on one page is never
// split, so it moves to a new page when it does not fit in what is left of
// this one; a header never stands without at least two rows under it (or
// the table's only row), so a longer table moves too when they don't fit;
// the last page never holds a single orphan row when
// the page before can spare one; and the note stays with the last rows,
// never alone on the next page. A row taller than a page still gets a page
// of its own; drawGrid splits such rows before planning, so none reach
// here.
func planTable(remaining, full, head float64, rows []float64, tail float64) tablePlan {
	// The note travels as part of the last row (or of the header, for a
	// table without rows), which gives it every rule above.
	if n := len(rows); n > 0 {
		rows = append(rows[:n-1:n-1], rows[n-1]+tail)
	} else {
		head += tail
	}
	var p tablePlan
	need, whole := head, head
	for i, h := range rows {
		if i < 2 {
			need += h
		}
		whole += h
	}
	avail := remaining
	moves := need > remaining+eps || (whole > remaining+eps && whole <= full+eps)
	if moves && remaining < full-eps {
		p.newPage = true
		avail = full
	}
	i := 0
	for {
		used, n := head, 0
		for i+n < len(rows) && (n == 0 || used+rows[i+n] <= avail+eps) {
			used += rows[i+n]
			n++
		}
		p.pages = append(p.pages, n)
		i += n
		if i >= len(rows) {
			break
		}
		avail = full
	}
	if k := len(p.pages); k >= 2 && p.pages[k-1] == 1 && p.pages[k-2] >= 3 {
		n := len(rows)
		if head+rows[n-2]+rows[n-1] <= full+eps {
			p.pages[k-2]--
			p.pages[k-1]++
		}
	}
	return p
}

// placeFigure decides where a figure goes: img is the chart's height at
// text width and caption the height of its caption. A figure taller than a
// page is shrunk to fit with its caption; a figure that doesn't fit in what
// is left of the page moves to the next one, so chart and caption are never
// split. It returns whether to break the page and the height to draw at.
func placeFigure(remaining, full, img, caption float64) (newPage bool, height float64) {
	height = min(img, full-caption)
	newPage = height+caption > remaining+eps && remaining < full-eps
	return newPage, height
}

// columnWidths sizes table columns to their content within avail. natural
// is each column's unwrapped width, minimum its longest word. When the
// natural widths fit they are kept; otherwise the widest columns are capped
// at a common width (never below their longest word) so narrow number
// columns stay on one line and long text wraps. If even the longest words
// cannot fit, words must break: the minimums of the columns not marked
// keep are scaled down, so a number never breaks while a text can (a
// SHA-256 digest or a file path breaks where a count must not); only when
// the kept columns alone are too wide are all scaled.
func columnWidths(natural, minimum []float64, keep []bool, avail float64) []float64 {
	out := make([]float64, len(natural))
	total, minTotal, kept := 0.0, 0.0, 0.0
	for i := range natural {
		total += natural[i]
		minTotal += min(minimum[i], natural[i])
		if keep[i] {
			kept += min(minimum[i], natural[i])
		}
	}
	if total <= avail+eps {
		copy(out, natural)
		return out
	}
	if minTotal >= avail {
		scale, base := avail/minTotal, 0.0
		if kept < avail*0.6 && minTotal > kept {
			// The other columns share what the kept ones leave.
			scale, base = (avail-kept)/(minTotal-kept), 1
		}
		for i := range out {
			out[i] = min(minimum[i], natural[i]) * scale
			if keep[i] && base == 1 {
				out[i] = min(minimum[i], natural[i])
			}
		}
		return out
	}
	capped := func(c float64) float64 {
		s := 0.0
		for i := range natural {
			s += max(min(natural[i], c), min(minimum[i], natural[i]))
		}
		return s
	}
	lo, hi := 0.0, avail
	for range 60 {
		mid := (lo + hi) / 2
		if capped(mid) > avail {
			hi = mid
		} else {
			lo = mid
		}
	}
	for i := range out {
		out[i] = max(min(natural[i], lo), min(minimum[i], natural[i]))
	}
	return out
}

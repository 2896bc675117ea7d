package ingest

import (
	"maps"
	"slices"

	"github.com/moocreport/moocreport/report"
)

// outline lists the course's blocks in course order: depth first from the
// root (the "root" field, else the block of type "course"), each block's
// children in the order the structure gives them, so a problem of week 2
// comes after every problem of week 1. A block no chapter reaches (an
// orphan the studio left behind) follows the reachable ones, by id, so
// its name is still known. Each block is listed once, however often it
// is a child.
func (cb courseBlocks) outline() []report.OutlineBlock {
	root := cb.Root
	if _, ok := cb.Blocks[root]; !ok {
		root = ""
		for _, id := range slices.Sorted(maps.Keys(cb.Blocks)) {
			if cb.Blocks[id].Type == "course" {
				root = id
				break
			}
		}
	}
	seen := map[string]bool{}
	var out []report.OutlineBlock
	var visit func(id, parent string, depth int)
	visit = func(id, parent string, depth int) {
		blk, ok := cb.Blocks[id]
		if !ok || seen[id] || depth > maxOutlineDepth {
			return
		}
		seen[id] = true
		name := displayName(blk.DisplayName)
		out = append(out, report.OutlineBlock{Block: report.BlockID(id), Type: blk.Type, Name: name, Parent: parent})
		for _, ch := range blk.Children {
			visit(ch, name, depth+1)
		}
	}
	if root != "" {
		visit(root, "", 0)
	}
	for _, id := range slices.Sorted(maps.Keys(cb.Blocks)) {
		visit(id, "", 0)
	}
	return out
}

// maxOutlineDepth bounds the walk, so a damaged structure whose children
// run very deep cannot exhaust the stack; real courses are five deep
// (course, chapter, sequential, vertical, component).
const maxOutlineDepth = 64

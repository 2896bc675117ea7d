package study

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// positions maps each setting of a study.yaml, by its path as errors name it
// ("courses[0].sources[1].format", "scales.agree.reverse[0]"), to its YAML nodes, so
// that a problem found after decoding — a value out of range, a name that refers to
// nothing — points at the line and column where the user wrote it.
type positions struct {
	values map[string]*yaml.Node // the value node of each path
	keys   map[string]*yaml.Node // the key node of each mapping entry
}

// indexPositions walks the document node of a decoded study.yaml.
func indexPositions(root *yaml.Node) positions {
	p := positions{values: map[string]*yaml.Node{}, keys: map[string]*yaml.Node{}}
	if len(root.Content) > 0 {
		p.walk("", root.Content[0])
	}
	return p
}

func (p positions) walk(path string, n *yaml.Node) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		// An alias is written where it stands; what it refers to is elsewhere.
		p.values[path] = n
		return
	}
	p.values[path] = n
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "<<" { // a merge key: its entries belong to this mapping
				p.walk(path, v)
				continue
			}
			child := join(path, k.Value)
			p.keys[child] = k
			p.walk(child, v)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p.walk(path+"["+strconv.Itoa(i)+"]", c)
		}
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// has reports whether the setting at path is written in the file.
func (p positions) has(path string) bool {
	_, ok := p.values[path]
	return ok
}

// at is the line and column of the setting at path, or, when it is not written (a
// missing key), of the nearest enclosing setting that is: a mapping's position is
// that of its first key.
func (p positions) at(path string) (line, col int) {
	for {
		if n, ok := p.values[path]; ok {
			return n.Line, n.Column
		}
		if path == "" {
			return 0, 0
		}
		path = parent(path)
	}
}

// parent drops the last key or index of a path.
func parent(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// keyAt finds the key written at line with the given name, for decoding errors that
// know only a line: its path and column.
func (p positions) keyAt(line int, name string) (path string, col int, ok bool) {
	for kp, k := range p.keys {
		if k.Line == line && k.Value == name && (!ok || kp < path) {
			path, col, ok = kp, k.Column, true
		}
	}
	return path, col, ok
}

// nodeAt finds the path of the value written at line and column.
func (p positions) nodeAt(line, col int) (path string, ok bool) {
	for vp, v := range p.values {
		if v.Line == line && v.Column == col && (!ok || len(vp) > len(path)) {
			path, ok = vp, true
		}
	}
	return path, ok
}

// valueAt finds the value written at line that a decoding error quotes as text
// (yaml.v3 cuts a quoted value to seven characters and "..."; it quotes no text for a
// mapping or list): its path and column.
func (p positions) valueAt(line int, text string) (path string, col int, ok bool) {
	prefix, cut := strings.CutSuffix(text, "...")
	for vp, v := range p.values {
		if v.Line != line {
			continue
		}
		match := v.Kind != yaml.ScalarNode && text == ""
		if v.Kind == yaml.ScalarNode {
			match = v.Value == text || cut && strings.HasPrefix(v.Value, prefix)
		}
		if match && (!ok || v.Column < col || v.Column == col && len(vp) > len(path)) {
			path, col, ok = vp, v.Column, true
		}
	}
	return path, col, ok
}

// Package docpath reads and writes dotted paths (spec.subnets[0].cidr) in
// generic JSON documents, for create cluster --set and edit --set/--unset.
package docpath

import (
	"fmt"
	"strconv"
	"strings"
)

// Step is a field name, or a list index when Name is "".
type Step struct {
	Name  string
	Index int
}

// Parse reads a dotted path with list indexes: spec.subnets[0].cidr.
func Parse(path string) ([]Step, error) {
	if path == "" {
		return nil, fmt.Errorf("empty path")
	}
	var steps []Step
	for _, part := range strings.Split(path, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name == "" {
			return nil, fmt.Errorf("empty field name in %q", path)
		}
		steps = append(steps, Step{Name: name})
		for rest != "" {
			num, after, ok := strings.Cut(rest, "]")
			n, err := strconv.Atoi(num)
			if !ok || err != nil || n < 0 || (after != "" && after[0] != '[') {
				return nil, fmt.Errorf("bad index in %q", part)
			}
			steps = append(steps, Step{Index: n})
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return steps, nil
}

// Assign sets value at steps below node, creating what is missing (a list
// grows by one at index len), and returns the (possibly new) node.
func Assign(node any, steps []Step, value any) (any, error) {
	if len(steps) == 0 {
		return value, nil
	}
	s := steps[0]
	if s.Name != "" {
		m, ok := node.(map[string]any)
		if node == nil {
			m, ok = map[string]any{}, true
		}
		if !ok {
			return nil, fmt.Errorf("%s: the field above it is not an object", s.Name)
		}
		child, err := Assign(m[s.Name], steps[1:], value)
		if err != nil {
			return nil, err
		}
		m[s.Name] = child
		return m, nil
	}
	list, ok := node.([]any)
	if node != nil && !ok {
		return nil, fmt.Errorf("[%d]: the field is not a list", s.Index)
	}
	switch {
	case s.Index == len(list):
		list = append(list, nil)
	case s.Index > len(list):
		return nil, fmt.Errorf("[%d]: the list has %d elements", s.Index, len(list))
	}
	child, err := Assign(list[s.Index], steps[1:], value)
	if err != nil {
		return nil, err
	}
	list[s.Index] = child
	return list, nil
}

// Remove deletes what steps name below node and returns the node.
func Remove(node any, steps []Step) (any, error) {
	s := steps[0]
	if s.Name != "" {
		m, ok := node.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: not found", s.Name)
		}
		child, found := m[s.Name]
		if !found {
			return nil, fmt.Errorf("%s: not found", s.Name)
		}
		if len(steps) == 1 {
			delete(m, s.Name)
			return m, nil
		}
		child, err := Remove(child, steps[1:])
		if err != nil {
			return nil, fmt.Errorf("%s.%w", s.Name, err)
		}
		m[s.Name] = child
		return m, nil
	}
	list, ok := node.([]any)
	if !ok || s.Index >= len(list) {
		return nil, fmt.Errorf("[%d]: not found", s.Index)
	}
	if len(steps) == 1 {
		return append(list[:s.Index:s.Index], list[s.Index+1:]...), nil
	}
	child, err := Remove(list[s.Index], steps[1:])
	if err != nil {
		return nil, err
	}
	list[s.Index] = child
	return list, nil
}

package ops

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

// SetPath applies "PATH=VALUE" to obj (a Cluster or an InstanceGroup) in
// place. PATH is dotted field names from the object's root
// ("spec.kubernetesVersion", "metadata.labels.team") with [N] list
// indices ("spec.subnets[0].cidr"); missing objects are created and an
// index one past the end appends. VALUE is a boolean or an integer when it
// is one and the field takes it, else a string.
func SetPath(obj any, assignment string) error {
	path, value, ok := strings.Cut(assignment, "=")
	if !ok {
		return fmt.Errorf("--set %q: want PATH=VALUE, e.g. spec.kubernetesVersion=1.33.4", assignment)
	}
	steps, err := parsePath(path)
	if err != nil {
		return fmt.Errorf("--set %q: %w", assignment, err)
	}
	var candidates []any
	if typed, ok := scalar(value); ok {
		candidates = append(candidates, typed)
	}
	candidates = append(candidates, value)
	var lastErr error
	for _, v := range candidates {
		err := rewrite(obj, func(doc any) (any, error) { return assign(doc, steps, v) })
		if err == nil {
			return nil
		}
		lastErr = err
	}
	return fmt.Errorf("--set %q: %w", assignment, lastErr)
}

// UnsetPath removes the field (or list element) at PATH from obj; a
// missing field is an error, so that a typo does not pass unnoticed.
func UnsetPath(obj any, path string) error {
	steps, err := parsePath(path)
	if err != nil {
		return fmt.Errorf("--unset %q: %w", path, err)
	}
	if err := rewrite(obj, func(doc any) (any, error) { return remove(doc, steps) }); err != nil {
		return fmt.Errorf("--unset %q: %w", path, err)
	}
	return nil
}

// rewrite turns obj into generic JSON, changes it and decodes it back
// into obj (which is left as it was when that fails).
func rewrite(obj any, change func(any) (any, error)) error {
	b, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	if doc, err = change(doc); err != nil {
		return err
	}
	if b, err = json.Marshal(doc); err != nil {
		return err
	}
	return decodeInto(obj, b)
}

// decodeInto replaces *obj by the decoding of b, only when it decodes.
func decodeInto(obj any, b []byte) error {
	switch o := obj.(type) {
	case *api.Cluster:
		var fresh api.Cluster
		if err := json.Unmarshal(b, &fresh); err != nil {
			return describe(b, err)
		}
		*o = fresh
	case *api.InstanceGroup:
		var fresh api.InstanceGroup
		if err := json.Unmarshal(b, &fresh); err != nil {
			return describe(b, err)
		}
		*o = fresh
	default:
		return fmt.Errorf("cannot edit a %T", obj)
	}
	return nil
}

func describe(b []byte, err error) error {
	if field, msg := api.DescribeDecodeError(b, err); field != "" {
		return fmt.Errorf("%s: %s", field, msg)
	}
	return err
}

func scalar(s string) (any, bool) {
	if s == "true" || s == "false" {
		return s == "true", true
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	return nil, false
}

// step is a field name, or a list index when name is "".
type step struct {
	name  string
	index int
}

func parsePath(path string) ([]step, error) {
	if path == "" {
		return nil, fmt.Errorf("empty path")
	}
	var steps []step
	for _, part := range strings.Split(path, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name == "" {
			return nil, fmt.Errorf("empty field name in %q", path)
		}
		steps = append(steps, step{name: name})
		for rest != "" {
			num, after, ok := strings.Cut(rest, "]")
			n, err := strconv.Atoi(num)
			if !ok || err != nil || n < 0 || (after != "" && after[0] != '[') {
				return nil, fmt.Errorf("bad index in %q", part)
			}
			steps = append(steps, step{index: n})
			rest = strings.TrimPrefix(after, "[")
		}
	}
	if steps[0].name != "metadata" && steps[0].name != "spec" {
		return nil, fmt.Errorf("paths start with spec. or metadata., e.g. spec.kubernetesVersion")
	}
	return steps, nil
}

func assign(node any, steps []step, value any) (any, error) {
	if len(steps) == 0 {
		return value, nil
	}
	s := steps[0]
	if s.name != "" {
		m, ok := node.(map[string]any)
		if node == nil {
			m, ok = map[string]any{}, true
		}
		if !ok {
			return nil, fmt.Errorf("%s: the field above it is not an object", s.name)
		}
		child, err := assign(m[s.name], steps[1:], value)
		if err != nil {
			return nil, err
		}
		m[s.name] = child
		return m, nil
	}
	list, ok := node.([]any)
	if node != nil && !ok {
		return nil, fmt.Errorf("[%d]: the field is not a list", s.index)
	}
	switch {
	case s.index == len(list):
		list = append(list, nil)
	case s.index > len(list):
		return nil, fmt.Errorf("[%d]: the list has %d elements", s.index, len(list))
	}
	child, err := assign(list[s.index], steps[1:], value)
	if err != nil {
		return nil, err
	}
	list[s.index] = child
	return list, nil
}

func remove(node any, steps []step) (any, error) {
	s := steps[0]
	if s.name != "" {
		m, ok := node.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: not found", s.name)
		}
		child, found := m[s.name]
		if !found {
			return nil, fmt.Errorf("%s: not found", s.name)
		}
		if len(steps) == 1 {
			delete(m, s.name)
			return m, nil
		}
		child, err := remove(child, steps[1:])
		if err != nil {
			return nil, fmt.Errorf("%s.%w", s.name, err)
		}
		m[s.name] = child
		return m, nil
	}
	list, ok := node.([]any)
	if !ok || s.index >= len(list) {
		return nil, fmt.Errorf("[%d]: not found", s.index)
	}
	if len(steps) == 1 {
		return append(list[:s.index:s.index], list[s.index+1:]...), nil
	}
	child, err := remove(list[s.index], steps[1:])
	if err != nil {
		return nil, err
	}
	list[s.index] = child
	return list, nil
}

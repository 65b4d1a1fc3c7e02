package ops

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/internal/docpath"
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
		err := rewrite(obj, func(doc any) (any, error) { return docpath.Assign(doc, steps, v) })
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
	if err := rewrite(obj, func(doc any) (any, error) { return docpath.Remove(doc, steps) }); err != nil {
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

// parsePath reads a --set/--unset path, which starts at spec or metadata.
func parsePath(path string) ([]docpath.Step, error) {
	steps, err := docpath.Parse(path)
	if err != nil {
		return nil, err
	}
	if steps[0].Name != "metadata" && steps[0].Name != "spec" {
		return nil, fmt.Errorf("paths start with spec. or metadata., e.g. spec.kubernetesVersion")
	}
	return steps, nil
}

package aws

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/providers"
)

// A task is one cloud resource the cluster needs.
//
// The executor calls find, then compares fields() of the expected task with
// fields() of what find returned, then (when applying) create or update.
// Tasks read the IDs of the tasks they depend on (set by their find or
// create) only after those have finished; a dependency that does not exist
// yet has an empty ID, and a dependent then does not exist either.
type task interface {
	kind() string
	name() string
	// deps are the tasks that must be found or created first.
	deps() []task
	// find reads the actual resource, read-only: nil when it does not
	// exist. On success it records the resource's ID in the task.
	find(ctx context.Context, c *Clients) (task, error)
	// fields are what the plan shows and the diff compares.
	fields() []field
	// create makes the resource and records its ID in the task.
	create(ctx context.Context, c *Clients) error
	// update changes the fields that differ from actual, which find returned.
	update(ctx context.Context, c *Clients, actual task, changes []providers.Field) error
}

// A field is one property of a resource as the plan shows it.
type field struct {
	name  string
	value string
	// immutable fields cannot change in place: a difference is an error
	// that says to delete and re-create the resource.
	immutable bool
}

// fieldOf builds a field from a string, number, bool, string list or map.
func fieldOf(name string, v any) field { return field{name: name, value: render(v)} }

// fixed is fieldOf for an immutable field.
func fixed(name string, v any) field { return field{name: name, value: render(v), immutable: true} }

func render(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case int32:
		return strconv.Itoa(int(v))
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		return strconv.FormatBool(v)
	case []string:
		if len(v) == 0 {
			return ""
		}
		return "[" + strings.Join(v, ", ") + "]"
	case map[string]string:
		keys := slices.Sorted(maps.Keys(v))
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + v[k]
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case task:
		return "name:" + v.name()
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// diff compares expected with actual field by field: the changed fields
// sorted by name, or an error when an immutable one differs.
func diff(expected, actual task) ([]providers.Field, error) {
	have := map[string]string{}
	for _, f := range actual.fields() {
		have[f.name] = f.value
	}
	var changes []providers.Field
	var fixedErrs []string
	for _, f := range expected.fields() {
		old := have[f.name]
		if old == f.value {
			continue
		}
		if f.immutable {
			fixedErrs = append(fixedErrs, fmt.Sprintf("%s %q -> %q", f.name, old, f.value))
			continue
		}
		changes = append(changes, providers.Field{Name: f.name, Old: old, New: f.value})
	}
	if len(fixedErrs) > 0 {
		return nil, fmt.Errorf("%s/%s: cannot change %s in place; delete and re-create the cluster's %s or revert the spec",
			expected.kind(), expected.name(), strings.Join(fixedErrs, ", "), expected.kind())
	}
	slices.SortFunc(changes, func(a, b providers.Field) int { return strings.Compare(a.Name, b.Name) })
	return changes, nil
}

// creation is the plan entry of a task to create: every non-empty field.
func creation(t task) providers.Change {
	c := providers.Change{Kind: t.kind(), Name: t.name(), Create: true}
	for _, f := range t.fields() {
		if f.value != "" {
			c.Fields = append(c.Fields, providers.Field{Name: f.name, New: f.value})
		}
	}
	slices.SortFunc(c.Fields, func(a, b providers.Field) int { return strings.Compare(a.Name, b.Name) })
	return c
}

// taskKey is a task's kind and name, unique in a model.
func taskKey(t task) string { return t.kind() + "/" + t.name() }

// errNotFound reports whether err is an AWS "does not exist" error with
// one of codes.
func isCode(err error, codes ...string) bool {
	var ae interface{ ErrorCode() string }
	if !errors.As(err, &ae) {
		return false
	}
	return slices.Contains(codes, ae.ErrorCode())
}

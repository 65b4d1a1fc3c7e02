package ops

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/statestore"
	"github.com/drydock-sandbox/drydock/cluster/validation"
)

// Editor lets the user change the file at path.
type Editor func(ctx context.Context, path string) error

// EditOptions are the settings of `edit cluster` and `edit ig`.
type EditOptions struct {
	// Sets ("PATH=VALUE") and Unsets ("PATH") change the object without
	// an editor.
	Sets, Unsets []string
	// Editor is used when there are no Sets or Unsets.
	Editor Editor
	// Catalog validates; nil means the AWS catalog.
	Catalog validation.Catalog
}

// CommandEditor runs $EDITOR (default vi; it may hold arguments, as in
// "code --wait") on the file, attached to the given streams.
func CommandEditor(getenv func(string) string, in io.Reader, out, errw io.Writer) Editor {
	return func(ctx context.Context, path string) error {
		editor := strings.Fields(getenv("EDITOR"))
		if len(editor) == 0 {
			editor = []string{"vi"}
		}
		cmd := exec.CommandContext(ctx, editor[0], append(editor[1:], path)...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = in, out, errw
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("editor %s: %w (set $EDITOR, or use --set/--unset)", strings.Join(editor, " "), err)
		}
		return nil
	}
}

// EditCluster is `edit cluster NAME`.
func EditCluster(ctx context.Context, store *statestore.Store, name string, opts EditOptions, out io.Writer) error {
	if name == "" {
		return errNoClusterName
	}
	c, igs, v, err := store.GetCluster(ctx, name)
	if err != nil {
		return err
	}
	edited := c.DeepCopy()
	validate := func(o any) error {
		ec := o.(*api.Cluster)
		if ec.Name() != name {
			return fmt.Errorf("metadata.name: cannot be changed from %s", name)
		}
		return validation.Validate(ec, igs, opts.Catalog)
	}
	changed, err := edit(ctx, c, edited, opts, validate)
	if err != nil || !changed {
		if err == nil {
			fmt.Fprintln(out, "Edit cancelled, no changes made.")
		}
		return err
	}
	if _, err := store.UpdateCluster(ctx, edited, v.Cluster); err != nil {
		return err
	}
	fmt.Fprintf(out, "Edited cluster/%s\n", name)
	return nil
}

// EditInstanceGroup is `edit ig NAME --name CLUSTER`.
func EditInstanceGroup(ctx context.Context, store *statestore.Store, cluster, name string, opts EditOptions, out io.Writer) error {
	c, igs, v, err := readGroupVersions(ctx, store, cluster, []string{name})
	if err != nil {
		return err
	}
	ig := igs[0]
	edited := ig.DeepCopy()
	validate := func(o any) error {
		eg := o.(*api.InstanceGroup)
		if eg.Name() != name {
			return fmt.Errorf("metadata.name: cannot be changed from %s", name)
		}
		return validation.ValidateInstanceGroup(c, eg, opts.Catalog)
	}
	changed, err := edit(ctx, ig, edited, opts, validate)
	if err != nil || !changed {
		if err == nil {
			fmt.Fprintln(out, "Edit cancelled, no changes made.")
		}
		return err
	}
	if _, err := store.UpdateInstanceGroup(ctx, cluster, edited, v.InstanceGroups[name]); err != nil {
		return err
	}
	fmt.Fprintf(out, "Edited instancegroup/%s\n", name)
	return nil
}

// edit changes edited (a copy of orig) by the sets and unsets, or in the
// editor, validates it and reports whether it differs from orig.
func edit(ctx context.Context, orig, edited any, opts EditOptions, validate func(any) error) (bool, error) {
	if len(opts.Sets) > 0 || len(opts.Unsets) > 0 {
		for _, s := range opts.Sets {
			if err := SetPath(edited, s); err != nil {
				return false, err
			}
		}
		for _, p := range opts.Unsets {
			if err := UnsetPath(edited, p); err != nil {
				return false, err
			}
		}
		if err := validate(edited); err != nil {
			return false, fmt.Errorf("the edit is not valid; nothing written:\n%w", err)
		}
		return !sameJSON(orig, edited), nil
	}
	return editInFile(ctx, orig, edited, opts.Editor, validate)
}

func editInFile(ctx context.Context, orig, edited any, editor Editor, validate func(any) error) (bool, error) {
	if editor == nil {
		return false, fmt.Errorf("no editor; use --set or --unset")
	}
	before, err := api.MarshalYAML(orig)
	if err != nil {
		return false, err
	}
	dir, err := os.MkdirTemp("", "drydock-edit-")
	if err != nil {
		return false, err
	}
	path := filepath.Join(dir, "object.yaml")
	if err := os.WriteFile(path, before, 0o600); err != nil {
		return false, err
	}
	if err := editor(ctx, path); err != nil {
		os.RemoveAll(dir)
		return false, err
	}
	after, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	if bytes.Equal(before, after) {
		os.RemoveAll(dir)
		return false, nil
	}
	keep := func(err error) error {
		return fmt.Errorf("%w\nyour edit is kept in %s; fix it and write it with: drydock replace -f %s", err, path, path)
	}
	m, err := api.Parse(after)
	if err != nil {
		return false, keep(err)
	}
	switch e := edited.(type) {
	case *api.Cluster:
		if m.Cluster == nil || len(m.InstanceGroups)+len(m.Others) > 0 {
			return false, keep(fmt.Errorf("the file must hold the one Cluster"))
		}
		*e = *m.Cluster
	case *api.InstanceGroup:
		if len(m.InstanceGroups) != 1 || m.Cluster != nil || len(m.Others) > 0 {
			return false, keep(fmt.Errorf("the file must hold the one InstanceGroup"))
		}
		*e = *m.InstanceGroups[0]
	}
	if err := validate(edited); err != nil {
		return false, keep(fmt.Errorf("the edit is not valid; nothing written:\n%w", err))
	}
	os.RemoveAll(dir)
	return !sameJSON(orig, edited), nil
}

// sameJSON compares two objects as their generic JSON.
func sameJSON(a, b any) bool {
	var ma, mb any
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		return false
	}
	_ = json.Unmarshal(ja, &ma)
	_ = json.Unmarshal(jb, &mb)
	return reflect.DeepEqual(ma, mb)
}

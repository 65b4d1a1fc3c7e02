package ops

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/statestore"
	"github.com/drydock-sandbox/drydock/cluster/validation"
)

// ApplyOptions are the settings of `create -f` and `replace -f`.
type ApplyOptions struct {
	// Force (replace only) creates the objects that do not exist.
	Force bool
	// Catalog validates; nil means the AWS catalog.
	Catalog validation.Catalog
}

// ReadManifest parses data and checks what create -f and replace -f need:
// objects of one cluster.
func ReadManifest(data []byte, source string) (*api.Manifest, error) {
	m, err := api.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	if m.Cluster == nil && len(m.InstanceGroups) == 0 {
		return nil, fmt.Errorf("%s: no Cluster or InstanceGroup (apiVersion %s)", source, api.APIVersion)
	}
	if len(m.Others) > 0 && m.Cluster == nil {
		return nil, fmt.Errorf("%s: %s %s (%s): additional objects go in the manifest of their Cluster", source, m.Others[0].Kind, m.Others[0].Name, m.Others[0].APIVersion)
	}
	return m, nil
}

// groupCluster is the cluster an instance group of m belongs to: its
// kops.k8s.io/cluster label, else the manifest's cluster.
func groupCluster(m *api.Manifest, ig *api.InstanceGroup) (string, error) {
	if name := ig.Metadata.Labels[api.LabelCluster]; name != "" {
		return name, nil
	}
	if m.Cluster != nil {
		return m.Cluster.Name(), nil
	}
	return "", fmt.Errorf("instance group %s: no %s label and no Cluster in the manifest; add the label", ig.Name(), api.LabelCluster)
}

// Create is `create -f`: it validates the manifest's objects (with the
// stored cluster for groups added to one) and writes them, failing
// without writing when one exists.
func Create(ctx context.Context, store *statestore.Store, m *api.Manifest, opts ApplyOptions, out io.Writer) error {
	if m.Cluster != nil {
		var own, added []*api.InstanceGroup
		for _, ig := range m.InstanceGroups {
			name, err := groupCluster(m, ig)
			if err != nil {
				return err
			}
			if name == m.Cluster.Name() {
				own = append(own, ig)
			} else {
				added = append(added, ig)
			}
		}
		if len(added) > 0 {
			return fmt.Errorf("instance group %s belongs to cluster %s, not %s; put it in its own manifest", added[0].Name(), added[0].Metadata.Labels[api.LabelCluster], m.Cluster.Name())
		}
		if err := validation.Validate(m.Cluster, own, opts.Catalog); err != nil {
			return fmt.Errorf("cluster %s is not valid; nothing written:\n%w", m.Cluster.Name(), err)
		}
		if _, err := store.CreateCluster(ctx, m.Cluster, own); err != nil {
			if errors.Is(err, statestore.ErrAlreadyExists) {
				return fmt.Errorf("cluster %s already exists; to overwrite it use `drydock replace -f`: %w", m.Cluster.Name(), err)
			}
			return err
		}
		if _, _, err := store.EnsureCA(ctx, m.Cluster.Name()); err != nil {
			return fmt.Errorf("cluster %s: create its CA: %w", m.Cluster.Name(), err)
		}
		if err := writeAddons(ctx, store, m.Cluster.Name(), m.Others); err != nil {
			return err
		}
		fmt.Fprintf(out, "Created cluster/%s\n", m.Cluster.Name())
		for _, ig := range own {
			fmt.Fprintf(out, "Created instancegroup/%s\n", ig.Name())
		}
		return nil
	}
	for _, ig := range m.InstanceGroups {
		name, err := groupCluster(m, ig)
		if err != nil {
			return err
		}
		c, _, _, err := store.GetCluster(ctx, name)
		if err != nil {
			return err
		}
		if err := validation.ValidateInstanceGroup(c, ig, opts.Catalog); err != nil {
			return fmt.Errorf("instance group %s is not valid; nothing written:\n%w", ig.Name(), err)
		}
	}
	for _, ig := range m.InstanceGroups {
		name, _ := groupCluster(m, ig)
		if _, err := store.CreateInstanceGroup(ctx, name, ig); err != nil {
			if errors.Is(err, statestore.ErrAlreadyExists) {
				return fmt.Errorf("to overwrite it use `drydock replace -f`: %w", err)
			}
			return err
		}
		fmt.Fprintf(out, "Created instancegroup/%s\n", ig.Name())
	}
	return nil
}

// Replace is `replace -f`: each object of the manifest replaces the stored
// one, conditionally on the version read; with Force, missing objects are
// created. Everything is validated before anything is written.
func Replace(ctx context.Context, store *statestore.Store, m *api.Manifest, opts ApplyOptions, out io.Writer) error {
	type target struct {
		cluster  *api.Cluster
		groups   []*api.InstanceGroup
		versions statestore.Versions
		exists   bool
	}
	targets := map[string]*target{}
	var order []string
	load := func(name string) (*target, error) {
		if t, ok := targets[name]; ok {
			return t, nil
		}
		c, igs, v, err := store.GetCluster(ctx, name)
		t := &target{cluster: c, groups: igs, versions: v, exists: err == nil}
		if err != nil && !(errors.Is(err, statestore.ErrNotFound) && opts.Force) {
			if errors.Is(err, statestore.ErrNotFound) {
				return nil, fmt.Errorf("%w (to create it, use `drydock create -f` or `replace --force`)", err)
			}
			return nil, err
		}
		targets[name] = t
		order = append(order, name)
		return t, nil
	}
	if m.Cluster != nil {
		t, err := load(m.Cluster.Name())
		if err != nil {
			return err
		}
		t.cluster = m.Cluster
	}
	for _, ig := range m.InstanceGroups {
		name, err := groupCluster(m, ig)
		if err != nil {
			return err
		}
		t, err := load(name)
		if err != nil {
			return err
		}
		if t.cluster == nil {
			return fmt.Errorf("instance group %s: cluster %s does not exist; create it first", ig.Name(), name)
		}
		if _, ok := t.versions.InstanceGroups[ig.Name()]; t.exists && !ok && !opts.Force {
			return fmt.Errorf("instance group %s of cluster %s does not exist; create it with `drydock create -f` or pass --force", ig.Name(), name)
		}
		t.groups = replaceGroup(t.groups, ig)
	}
	for _, name := range order {
		t := targets[name]
		if err := validation.Validate(t.cluster, t.groups, opts.Catalog); err != nil {
			return fmt.Errorf("cluster %s would not be valid; nothing written:\n%w", name, err)
		}
	}
	for _, name := range order {
		t := targets[name]
		if !t.exists {
			if _, err := store.CreateCluster(ctx, t.cluster, t.groups); err != nil {
				return err
			}
			if _, _, err := store.EnsureCA(ctx, name); err != nil {
				return err
			}
			if err := writeAddons(ctx, store, name, m.Others); err != nil {
				return err
			}
			fmt.Fprintf(out, "Created cluster/%s\n", name)
			continue
		}
		if m.Cluster != nil && m.Cluster.Name() == name {
			if _, err := store.UpdateCluster(ctx, t.cluster, t.versions.Cluster); err != nil {
				return err
			}
			if err := writeAddons(ctx, store, name, m.Others); err != nil {
				return err
			}
			fmt.Fprintf(out, "Replaced cluster/%s\n", name)
		}
		for _, ig := range m.InstanceGroups {
			if n, _ := groupCluster(m, ig); n != name {
				continue
			}
			if ver, ok := t.versions.InstanceGroups[ig.Name()]; ok {
				if _, err := store.UpdateInstanceGroup(ctx, name, ig, ver); err != nil {
					return err
				}
				fmt.Fprintf(out, "Replaced instancegroup/%s\n", ig.Name())
				continue
			}
			if _, err := store.CreateInstanceGroup(ctx, name, ig); err != nil {
				return err
			}
			fmt.Fprintf(out, "Created instancegroup/%s\n", ig.Name())
		}
	}
	return nil
}

func replaceGroup(groups []*api.InstanceGroup, ig *api.InstanceGroup) []*api.InstanceGroup {
	out := make([]*api.InstanceGroup, 0, len(groups)+1)
	for _, g := range groups {
		if g.Name() != ig.Name() {
			out = append(out, g)
		}
	}
	return append(out, ig)
}

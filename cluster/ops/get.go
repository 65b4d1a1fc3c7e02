package ops

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/statestore"
)

// GetClusters is `get clusters [NAME...]`: the named clusters, or all of
// the store's.
func GetClusters(ctx context.Context, store *statestore.Store, names []string, format string, out, log io.Writer) error {
	if err := CheckOutput(format, OutputTable, OutputYAML, OutputJSON); err != nil {
		return err
	}
	if len(names) == 0 {
		var err error
		if names, err = store.ListClusters(ctx); err != nil {
			return err
		}
	}
	var clusters []*api.Cluster
	for _, name := range names {
		c, _, _, err := store.GetCluster(ctx, name)
		if err != nil {
			return err
		}
		clusters = append(clusters, c)
	}
	if len(clusters) == 0 {
		fmt.Fprintf(log, "No clusters found in %s; create one with: drydock create cluster NAME --zones ZONE\n", store.URL())
		return nil
	}
	if format == OutputTable {
		return WriteClusterTable(out, clusters)
	}
	objs := make([]any, len(clusters))
	for i, c := range clusters {
		objs[i] = c
	}
	return WriteObjects(out, format, objs...)
}

// GetInstanceGroups is `get ig [NAME...] --name CLUSTER`.
func GetInstanceGroups(ctx context.Context, store *statestore.Store, cluster string, names []string, format string, out io.Writer) error {
	if err := CheckOutput(format, OutputTable, OutputYAML, OutputJSON); err != nil {
		return err
	}
	c, igs, err := readGroups(ctx, store, cluster, names)
	if err != nil {
		return err
	}
	if format == OutputTable {
		return WriteGroupTable(out, c, igs)
	}
	objs := make([]any, len(igs))
	for i, ig := range igs {
		objs[i] = ig
	}
	return WriteObjects(out, format, objs...)
}

func readGroups(ctx context.Context, store *statestore.Store, cluster string, names []string) (*api.Cluster, []*api.InstanceGroup, error) {
	c, igs, _, err := readGroupVersions(ctx, store, cluster, names)
	return c, igs, err
}

// readGroupVersions reads the cluster and the named groups (all when none
// are named), with the versions read.
func readGroupVersions(ctx context.Context, store *statestore.Store, cluster string, names []string) (*api.Cluster, []*api.InstanceGroup, statestore.Versions, error) {
	if cluster == "" {
		return nil, nil, statestore.Versions{}, errNoClusterName
	}
	c, igs, v, err := store.GetCluster(ctx, cluster)
	if err != nil {
		return nil, nil, v, err
	}
	if len(names) == 0 {
		return c, igs, v, nil
	}
	var out []*api.InstanceGroup
	for _, name := range names {
		i := slices.IndexFunc(igs, func(ig *api.InstanceGroup) bool { return ig.Name() == name })
		if i < 0 {
			return nil, nil, v, fmt.Errorf("instance group %q not found in cluster %s; list them with `drydock get ig --name %s`", name, cluster, cluster)
		}
		out = append(out, igs[i])
	}
	return c, out, v, nil
}

// GetAll is `get all --name CLUSTER`: the cluster and its instance groups.
func GetAll(ctx context.Context, store *statestore.Store, cluster, format string, out io.Writer) error {
	if err := CheckOutput(format, OutputTable, OutputYAML, OutputJSON); err != nil {
		return err
	}
	c, igs, err := readGroups(ctx, store, cluster, nil)
	if err != nil {
		return err
	}
	if format != OutputTable {
		others, err := readAddons(ctx, store, cluster)
		if err != nil {
			return err
		}
		return WriteObjects(out, format, ManifestObjects(&api.Manifest{Cluster: c, InstanceGroups: igs, Others: others})...)
	}
	fmt.Fprintln(out, "Cluster")
	if err := WriteClusterTable(out, []*api.Cluster{c}); err != nil {
		return err
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "Instance Groups")
	return WriteGroupTable(out, c, igs)
}

var errNoClusterName = fmt.Errorf("no cluster named: pass --name CLUSTER or set KOPS_CLUSTER_NAME")

package ops

import (
	"context"
	"errors"
	"fmt"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/statestore"
)

// addonsKey is where kOps keeps a cluster's additional objects (the
// documents of `create -f` that are neither Clusters nor InstanceGroups):
// one YAML stream.
func addonsKey(cluster string) string { return cluster + "/clusteraddons/default" }

// writeAddons stores the manifest's other objects beside the cluster.
func writeAddons(ctx context.Context, store *statestore.Store, cluster string, others []api.Other) error {
	if len(others) == 0 {
		return nil
	}
	objs := make([]any, len(others))
	for i, o := range others {
		objs[i] = o
	}
	data, err := api.MarshalYAML(objs...)
	if err != nil {
		return err
	}
	if _, err := store.Backend().Put(ctx, addonsKey(cluster), data, statestore.Condition{}); err != nil {
		return fmt.Errorf("cluster %s: store its additional objects: %w", cluster, err)
	}
	return nil
}

// readAddons reads the cluster's other objects; none when absent.
func readAddons(ctx context.Context, store *statestore.Store, cluster string) ([]api.Other, error) {
	data, _, err := store.Backend().Get(ctx, addonsKey(cluster))
	if errors.Is(err, statestore.ErrObjectNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cluster %s: read its additional objects: %w", cluster, err)
	}
	m, err := api.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", addonsKey(cluster), err)
	}
	return m.Others, nil
}

package statestore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

// Versions are the versions of a cluster's objects as read, to pass back
// to the conditional updates.
type Versions struct {
	Cluster        string            // of NAME/config
	InstanceGroups map[string]string // by instance group name
}

// CreateCluster writes a new cluster: its config (only if absent), its
// instance groups and kops-version.txt. If a write fails, what was
// written is removed again. The objects stored carry apiVersion and kind,
// spec.configBase (when empty) and, on each group, the
// kops.k8s.io/cluster label; c and igs are not modified.
func (s *Store) CreateCluster(ctx context.Context, c *api.Cluster, igs []*api.InstanceGroup) (Versions, error) {
	name := c.Name()
	if err := checkName("cluster", name); err != nil {
		return Versions{}, err
	}
	seen := map[string]bool{}
	for _, ig := range igs {
		if err := checkName("instance group", ig.Name()); err != nil {
			return Versions{}, err
		}
		if seen[ig.Name()] {
			return Versions{}, fmt.Errorf("cluster %s: instance group %s given twice", name, ig.Name())
		}
		seen[ig.Name()] = true
	}
	c = s.prepareCluster(c)
	data, err := api.MarshalYAML(c)
	if err != nil {
		return Versions{}, err
	}
	v := Versions{InstanceGroups: map[string]string{}}
	v.Cluster, err = s.b.Put(ctx, configKey(name), data, CreateOnly)
	if errors.Is(err, ErrPreconditionFailed) {
		return Versions{}, newError(ErrAlreadyExists, "cluster %s already exists in state store %s; edit it with `drydock edit cluster %s` or delete it first with `drydock delete cluster --name %s --yes`",
			name, s.url, name, name)
	}
	if err != nil {
		return Versions{}, fmt.Errorf("create cluster %s: write %s: %w", name, configKey(name), err)
	}
	done := []written{{configKey(name), v.Cluster}}
	fail := func(key string, err error) (Versions, error) {
		err = fmt.Errorf("create cluster %s: write %s: %w", name, key, err)
		return Versions{}, errors.Join(err, s.rollback(ctx, done))
	}
	for _, ig := range igs {
		data, err := api.MarshalYAML(prepareGroup(name, ig))
		if err != nil {
			return fail(groupKey(name, ig.Name()), err)
		}
		key := groupKey(name, ig.Name())
		ver, err := s.b.Put(ctx, key, data, CreateOnly)
		if err != nil {
			return fail(key, err)
		}
		done = append(done, written{key, ver})
		v.InstanceGroups[ig.Name()] = ver
	}
	if _, err := s.b.Put(ctx, versionKey(name), []byte(s.version), Condition{}); err != nil {
		return fail(versionKey(name), err)
	}
	return v, nil
}

type written struct{ key, version string }

// rollback deletes what a failed create wrote, newest first, each only if
// it is still the version written.
func (s *Store) rollback(ctx context.Context, objs []written) error {
	var errs []error
	for _, o := range slices.Backward(objs) {
		if err := s.b.Delete(ctx, o.key, IfVersion(o.version)); err != nil && !errors.Is(err, ErrObjectNotFound) {
			errs = append(errs, fmt.Errorf("roll back %s: %w", o.key, err))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("could not roll back; delete the cluster with `drydock delete cluster`: %w", errors.Join(errs...))
	}
	return nil
}

func (s *Store) prepareCluster(c *api.Cluster) *api.Cluster {
	c = c.DeepCopy()
	c.APIVersion, c.Kind = api.APIVersion, api.KindCluster
	if c.Spec.ConfigBase == "" {
		c.Spec.ConfigBase = s.url + "/" + c.Name()
	}
	return c
}

func prepareGroup(cluster string, ig *api.InstanceGroup) *api.InstanceGroup {
	ig = ig.DeepCopy()
	ig.APIVersion, ig.Kind = api.APIVersion, api.KindInstanceGroup
	if ig.Metadata.Labels == nil {
		ig.Metadata.Labels = map[string]string{}
	}
	if ig.Metadata.Labels[api.LabelCluster] == "" {
		ig.Metadata.Labels[api.LabelCluster] = cluster
	}
	return ig
}

// GetCluster reads a cluster and its instance groups (sorted by name).
func (s *Store) GetCluster(ctx context.Context, name string) (*api.Cluster, []*api.InstanceGroup, Versions, error) {
	if err := checkName("cluster", name); err != nil {
		return nil, nil, Versions{}, err
	}
	data, ver, err := s.b.Get(ctx, configKey(name))
	if errors.Is(err, ErrObjectNotFound) {
		return nil, nil, Versions{}, s.clusterNotFound(name)
	}
	if err != nil {
		return nil, nil, Versions{}, fmt.Errorf("read cluster %s: %w", name, err)
	}
	c, err := parseCluster(configKey(name), data)
	if err != nil {
		return nil, nil, Versions{}, err
	}
	v := Versions{Cluster: ver, InstanceGroups: map[string]string{}}
	keys, err := s.b.List(ctx, name+"/"+groupDir)
	if err != nil {
		return nil, nil, Versions{}, fmt.Errorf("list instance groups of %s: %w", name, err)
	}
	var igs []*api.InstanceGroup
	for _, key := range keys {
		ig, ver, err := s.getGroup(ctx, key)
		if errors.Is(err, ErrObjectNotFound) {
			continue // deleted since the listing
		}
		if err != nil {
			return nil, nil, Versions{}, err
		}
		igs = append(igs, ig)
		v.InstanceGroups[ig.Name()] = ver
	}
	return c, igs, v, nil
}

func (s *Store) getGroup(ctx context.Context, key string) (*api.InstanceGroup, string, error) {
	data, ver, err := s.b.Get(ctx, key)
	if err != nil {
		return nil, "", err
	}
	m, err := api.Parse(data)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", key, err)
	}
	if len(m.InstanceGroups) != 1 || m.Cluster != nil {
		return nil, "", fmt.Errorf("%s: want one InstanceGroup", key)
	}
	return m.InstanceGroups[0], ver, nil
}

func parseCluster(key string, data []byte) (*api.Cluster, error) {
	m, err := api.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	if m.Cluster == nil || len(m.InstanceGroups) > 0 {
		return nil, fmt.Errorf("%s: want one Cluster", key)
	}
	return m.Cluster, nil
}

// ListClusters returns the names of the store's clusters, sorted.
func (s *Store) ListClusters(ctx context.Context) ([]string, error) {
	keys, err := s.b.List(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("list state store %s: %w", s.url, err)
	}
	var names []string
	for _, k := range keys {
		if name, ok := strings.CutSuffix(k, "/"+configFile); ok && !strings.Contains(name, "/") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names, nil
}

// UpdateCluster replaces the cluster's config if it is still at
// expectedVersion (Versions.Cluster from GetCluster) and returns the new
// version. Otherwise it fails with ErrConflict and writes nothing.
func (s *Store) UpdateCluster(ctx context.Context, c *api.Cluster, expectedVersion string) (string, error) {
	name := c.Name()
	if err := checkName("cluster", name); err != nil {
		return "", err
	}
	if expectedVersion == "" {
		return "", fmt.Errorf("update cluster %s: no expected version; read the cluster first", name)
	}
	data, err := api.MarshalYAML(s.prepareCluster(c))
	if err != nil {
		return "", err
	}
	ver, err := s.b.Put(ctx, configKey(name), data, IfVersion(expectedVersion))
	switch {
	case errors.Is(err, ErrObjectNotFound):
		return "", s.clusterNotFound(name)
	case errors.Is(err, ErrPreconditionFailed):
		return "", s.clusterConflict(name)
	case err != nil:
		return "", fmt.Errorf("update cluster %s: %w", name, err)
	}
	return ver, nil
}

// DeleteCluster removes every object under NAME/, the config last, so
// that a failed delete leaves a cluster that can be deleted again.
func (s *Store) DeleteCluster(ctx context.Context, name string) error {
	if err := checkName("cluster", name); err != nil {
		return err
	}
	keys, err := s.b.List(ctx, name+"/")
	if err != nil {
		return fmt.Errorf("delete cluster %s: %w", name, err)
	}
	if len(keys) == 0 {
		return s.clusterNotFound(name)
	}
	keys = slices.DeleteFunc(keys, func(k string) bool { return k == configKey(name) })
	keys = append(keys, configKey(name))
	for _, k := range keys {
		if err := s.b.Delete(ctx, k, Condition{}); err != nil && !errors.Is(err, ErrObjectNotFound) {
			return fmt.Errorf("delete cluster %s: %s: %w", name, k, err)
		}
	}
	return nil
}

// WriteCompleted writes NAME/cluster-completed.spec, the cluster with its
// defaults filled in, as `update cluster` does.
func (s *Store) WriteCompleted(ctx context.Context, c *api.Cluster) error {
	if err := checkName("cluster", c.Name()); err != nil {
		return err
	}
	data, err := api.MarshalYAML(c)
	if err != nil {
		return err
	}
	if _, err := s.b.Put(ctx, completedKey(c.Name()), data, Condition{}); err != nil {
		return fmt.Errorf("write completed spec of %s: %w", c.Name(), err)
	}
	return nil
}

// ReadCompleted reads NAME/cluster-completed.spec.
func (s *Store) ReadCompleted(ctx context.Context, name string) (*api.Cluster, error) {
	data, _, err := s.b.Get(ctx, completedKey(name))
	if errors.Is(err, ErrObjectNotFound) {
		return nil, newError(ErrNotFound, "cluster %s has no completed spec in %s; run `drydock update cluster --name %s` first", name, s.url, name)
	}
	if err != nil {
		return nil, err
	}
	return parseCluster(completedKey(name), data)
}

package statestore

import (
	"context"
	"errors"
	"fmt"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

// CreateInstanceGroup adds an instance group to an existing cluster,
// failing with ErrAlreadyExists if it exists, and returns its version.
func (s *Store) CreateInstanceGroup(ctx context.Context, cluster string, ig *api.InstanceGroup) (string, error) {
	if err := s.checkGroup(ctx, cluster, ig.Name()); err != nil {
		return "", err
	}
	data, err := api.MarshalYAML(prepareGroup(cluster, ig))
	if err != nil {
		return "", err
	}
	ver, err := s.b.Put(ctx, groupKey(cluster, ig.Name()), data, CreateOnly)
	if errors.Is(err, ErrPreconditionFailed) {
		return "", newError(ErrAlreadyExists, "instance group %s already exists in cluster %s; edit it with `drydock edit ig %s --name %s`",
			ig.Name(), cluster, ig.Name(), cluster)
	}
	if err != nil {
		return "", fmt.Errorf("create instance group %s of %s: %w", ig.Name(), cluster, err)
	}
	return ver, nil
}

// UpdateInstanceGroup replaces an instance group if it is still at
// expectedVersion (from GetCluster) and returns the new version;
// otherwise it fails with ErrConflict and writes nothing.
func (s *Store) UpdateInstanceGroup(ctx context.Context, cluster string, ig *api.InstanceGroup, expectedVersion string) (string, error) {
	if err := s.checkGroup(ctx, cluster, ig.Name()); err != nil {
		return "", err
	}
	if expectedVersion == "" {
		return "", fmt.Errorf("update instance group %s of %s: no expected version; read the cluster first", ig.Name(), cluster)
	}
	data, err := api.MarshalYAML(prepareGroup(cluster, ig))
	if err != nil {
		return "", err
	}
	ver, err := s.b.Put(ctx, groupKey(cluster, ig.Name()), data, IfVersion(expectedVersion))
	switch {
	case errors.Is(err, ErrObjectNotFound):
		return "", s.groupNotFound(cluster, ig.Name())
	case errors.Is(err, ErrPreconditionFailed):
		return "", s.groupConflict(cluster, ig.Name())
	case err != nil:
		return "", fmt.Errorf("update instance group %s of %s: %w", ig.Name(), cluster, err)
	}
	return ver, nil
}

// DeleteInstanceGroup removes an instance group if it is still at
// expectedVersion; an empty expectedVersion deletes whatever version is
// stored.
func (s *Store) DeleteInstanceGroup(ctx context.Context, cluster, name, expectedVersion string) error {
	if err := s.checkGroup(ctx, cluster, name); err != nil {
		return err
	}
	err := s.b.Delete(ctx, groupKey(cluster, name), Condition{IfMatch: expectedVersion})
	switch {
	case errors.Is(err, ErrObjectNotFound):
		return s.groupNotFound(cluster, name)
	case errors.Is(err, ErrPreconditionFailed):
		return s.groupConflict(cluster, name)
	case err != nil:
		return fmt.Errorf("delete instance group %s of %s: %w", name, cluster, err)
	}
	return nil
}

// checkGroup checks the names and that the cluster exists.
func (s *Store) checkGroup(ctx context.Context, cluster, ig string) error {
	if err := checkName("cluster", cluster); err != nil {
		return err
	}
	if err := checkName("instance group", ig); err != nil {
		return err
	}
	return s.mustExist(ctx, cluster)
}

func (s *Store) mustExist(ctx context.Context, cluster string) error {
	_, _, err := s.b.Get(ctx, configKey(cluster))
	if errors.Is(err, ErrObjectNotFound) {
		return s.clusterNotFound(cluster)
	}
	return err
}

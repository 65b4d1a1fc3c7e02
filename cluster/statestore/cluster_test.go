package statestore_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/cluster/statestore"
)

func TestRoundTrip(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s := open(t)
		v := create(t, s)

		c, igs, got, err := s.GetCluster(ctx, clusterName)
		if err != nil {
			t.Fatal(err)
		}
		if c.Spec.KubernetesVersion != "1.33.4" || c.Spec.ConfigBase != "s3://state/k8s.example.com" {
			t.Errorf("cluster read back: version %q configBase %q", c.Spec.KubernetesVersion, c.Spec.ConfigBase)
		}
		if names := groupNames(igs); !slices.Equal(names, []string{"control-plane-us-east-1a", "nodes-us-east-1a"}) {
			t.Errorf("groups = %v", names)
		}
		if got.Cluster != v.Cluster || len(got.InstanceGroups) != 2 || got.InstanceGroups["nodes-us-east-1a"] != v.InstanceGroups["nodes-us-east-1a"] {
			t.Errorf("versions read %+v, written %+v", got, v)
		}
		if names, err := s.ListClusters(ctx); err != nil || !slices.Equal(names, []string{clusterName}) {
			t.Errorf("ListClusters = %v, %v", names, err)
		}

		c.Spec.KubernetesVersion = "1.34.1"
		if _, err := s.UpdateCluster(ctx, c, got.Cluster); err != nil {
			t.Fatal(err)
		}
		nodes := igs[1]
		nodes.Spec.MaxSize = ptr(int32(7))
		if _, err := s.UpdateInstanceGroup(ctx, clusterName, nodes, got.InstanceGroups[nodes.Name()]); err != nil {
			t.Fatal(err)
		}
		extra := nodes.DeepCopy()
		extra.Metadata.Name = "nodes-extra"
		if _, err := s.CreateInstanceGroup(ctx, clusterName, extra); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateInstanceGroup(ctx, clusterName, extra); !errors.Is(err, statestore.ErrAlreadyExists) {
			t.Errorf("second CreateInstanceGroup: %v, want ErrAlreadyExists", err)
		}
		c2, igs2, _, err := s.GetCluster(ctx, clusterName)
		if err != nil {
			t.Fatal(err)
		}
		if c2.Spec.KubernetesVersion != "1.34.1" || len(igs2) != 3 || *igs2[2].Spec.MaxSize != 7 {
			t.Errorf("after updates: version %q, %d groups", c2.Spec.KubernetesVersion, len(igs2))
		}
		if err := s.DeleteInstanceGroup(ctx, clusterName, "nodes-extra", "stale"); !errors.Is(err, statestore.ErrConflict) {
			t.Errorf("DeleteInstanceGroup with a stale version: %v, want ErrConflict", err)
		}
		if err := s.DeleteInstanceGroup(ctx, clusterName, "nodes-extra", ""); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteInstanceGroup(ctx, clusterName, "nodes-extra", ""); !errors.Is(err, statestore.ErrNotFound) {
			t.Errorf("second DeleteInstanceGroup: %v, want ErrNotFound", err)
		}

		if err := s.WriteCompleted(ctx, c2); err != nil {
			t.Fatal(err)
		}
		if done, err := s.ReadCompleted(ctx, clusterName); err != nil || done.Spec.KubernetesVersion != "1.34.1" {
			t.Errorf("ReadCompleted = %v, %v", done, err)
		}

		if err := s.DeleteCluster(ctx, clusterName); err != nil {
			t.Fatal(err)
		}
		if names, err := s.ListClusters(ctx); err != nil || len(names) != 0 {
			t.Errorf("ListClusters after delete = %v, %v", names, err)
		}
		if keys, _ := s.Backend().List(ctx, ""); len(keys) != 0 {
			t.Errorf("left after delete: %v", keys)
		}
		_, _, _, err = s.GetCluster(ctx, clusterName)
		if !errors.Is(err, statestore.ErrNotFound) || !strings.Contains(err.Error(), "drydock get clusters --state "+s.URL()) {
			t.Errorf("GetCluster after delete: %v", err)
		}
		if err := s.DeleteCluster(ctx, clusterName); !errors.Is(err, statestore.ErrNotFound) {
			t.Errorf("second DeleteCluster: %v", err)
		}
	})
}

func TestCreateTwice(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open opener) {
		s := open(t)
		create(t, s)
		c, igs := manifest(t)
		igs[0].Spec.MachineType = "changed"
		_, err := s.CreateCluster(context.Background(), c, igs)
		if !errors.Is(err, statestore.ErrAlreadyExists) {
			t.Fatalf("second create: %v, want ErrAlreadyExists", err)
		}
		want := "cluster k8s.example.com already exists in state store " + s.URL()
		if !strings.HasPrefix(err.Error(), want) {
			t.Errorf("error %q, want prefix %q", err, want)
		}
		_, got, _, err := s.GetCluster(context.Background(), clusterName)
		if err != nil || got[0].Spec.MachineType != "t3.medium" {
			t.Errorf("the first cluster was changed: %v", err)
		}
	})
}

// TestCreateRollback fails each write of a create in turn: the create
// fails and leaves nothing behind.
func TestCreateRollback(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		for n := int32(1); n <= 4; n++ { // config, 2 groups, kops-version.txt
			t.Run(fmt.Sprint("put", n), func(t *testing.T) {
				fb := &failingBackend{}
				fb.n.Store(n)
				s := open(t, statestore.WithBackendWrapper(func(b statestore.Backend) statestore.Backend {
					fb.Backend = b
					return fb
				}))
				c, igs := manifest(t)
				_, err := s.CreateCluster(ctx, c, igs)
				if !errors.Is(err, errInjected) {
					t.Fatalf("CreateCluster: %v, want the injected failure", err)
				}
				if keys, err := s.Backend().List(ctx, ""); err != nil || len(keys) != 0 {
					t.Errorf("left behind: %v, %v", keys, err)
				}
			})
		}
	})
}

func TestNamesRefused(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open opener) {
		s := open(t)
		c, igs := manifest(t)
		c.Metadata.Name = "../etc"
		if _, err := s.CreateCluster(context.Background(), c, igs); err == nil || !strings.Contains(err.Error(), "invalid cluster name") {
			t.Errorf("CreateCluster(../etc): %v", err)
		}
	})
}

func groupNames[T interface{ Name() string }](objs []T) []string {
	var out []string
	for _, o := range objs {
		out = append(out, o.Name())
	}
	return out
}

func ptr[T any](v T) *T { return &v }

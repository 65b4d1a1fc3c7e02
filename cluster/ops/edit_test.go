package ops

import (
	"bytes"
	"context"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/statestore"
)

// replaceIn is an Editor that rewrites old to new in the file.
func replaceIn(old, new string) Editor {
	return func(_ context.Context, path string) error {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(path, []byte(strings.ReplaceAll(string(b), old, new)), 0o600)
	}
}

func TestEdit(t *testing.T) {
	ctx := context.Background()
	env := fileEnv(t)
	createCluster(t, env, CreateClusterOptions{Build: minimal})
	store := openStore(t, env)
	name := minimal.ClusterName
	version := func() string {
		c, _, _, err := store.GetCluster(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return c.Spec.KubernetesVersion
	}
	var out bytes.Buffer

	t.Run("set", func(t *testing.T) {
		if err := EditCluster(ctx, store, name, EditOptions{Sets: []string{"spec.kubernetesVersion=1.34.2"}}, &out); err != nil {
			t.Fatal(err)
		}
		if v := version(); v != "1.34.2" {
			t.Errorf("kubernetesVersion = %s", v)
		}
	})
	t.Run("invalid set", func(t *testing.T) {
		err := EditCluster(ctx, store, name, EditOptions{Sets: []string{"spec.kubernetesVersion=1.12.0"}}, &out)
		if err == nil || !strings.Contains(err.Error(), "not valid") {
			t.Fatalf("error %v; want a validation error", err)
		}
		if v := version(); v != "1.34.2" {
			t.Errorf("an invalid edit was written: %s", v)
		}
	})
	t.Run("editor", func(t *testing.T) {
		err := EditCluster(ctx, store, name, EditOptions{Editor: replaceIn("kubernetesVersion: 1.34.2", "kubernetesVersion: 1.35.1")}, &out)
		if err != nil {
			t.Fatal(err)
		}
		if v := version(); v != "1.35.1" {
			t.Errorf("kubernetesVersion = %s", v)
		}
	})
	t.Run("editor unchanged", func(t *testing.T) {
		out.Reset()
		if err := EditCluster(ctx, store, name, EditOptions{Editor: replaceIn("nothing", "else")}, &out); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "no changes made") {
			t.Errorf("printed %q", out.String())
		}
	})
	t.Run("editor invalid keeps the file", func(t *testing.T) {
		err := EditCluster(ctx, store, name, EditOptions{Editor: replaceIn("kubernetesVersion: 1.35.1", "kubernetesVersion: 1.12.0")}, &out)
		if err == nil {
			t.Fatal("no error")
		}
		m := regexp.MustCompile(`kept in (\S+);`).FindStringSubmatch(err.Error())
		if m == nil {
			t.Fatalf("error does not name the kept file: %v", err)
		}
		defer os.RemoveAll(m[1])
		if b, rerr := os.ReadFile(m[1]); rerr != nil || !strings.Contains(string(b), "1.12.0") {
			t.Errorf("kept file %s: %v", m[1], rerr)
		}
	})
	t.Run("concurrent edit conflicts", func(t *testing.T) {
		concurrent := func(ctx context.Context, path string) error {
			c, _, v, err := store.GetCluster(ctx, name)
			if err != nil {
				return err
			}
			c.Spec.KubernetesVersion = "1.35.2"
			if _, err := store.UpdateCluster(ctx, c, v.Cluster); err != nil {
				return err
			}
			return replaceIn("kubernetesVersion: 1.35.1", "kubernetesVersion: 1.35.3")(ctx, path)
		}
		err := EditCluster(ctx, store, name, EditOptions{Editor: concurrent}, &out)
		if !errors.Is(err, statestore.ErrConflict) {
			t.Fatalf("error %v; want a conflict", err)
		}
		if v := version(); v != "1.35.2" {
			t.Errorf("kubernetesVersion = %s; want the concurrent 1.35.2", v)
		}
	})
	t.Run("instance group", func(t *testing.T) {
		err := EditInstanceGroup(ctx, store, name, "nodes-us-east-1a", EditOptions{Sets: []string{"spec.maxSize=4"}}, &out)
		if err != nil {
			t.Fatal(err)
		}
		_, igs, _, _ := store.GetCluster(ctx, name)
		for _, ig := range igs {
			if ig.Name() == "nodes-us-east-1a" && *ig.Spec.MaxSize != 4 {
				t.Errorf("maxSize = %d", *ig.Spec.MaxSize)
			}
		}
		err = EditInstanceGroup(ctx, store, name, "nodes-us-east-1a", EditOptions{Sets: []string{"spec.machineType=nope.large"}}, &out)
		if err == nil {
			t.Error("an unknown machine type was accepted")
		}
	})
}

func TestCreateAndReplace(t *testing.T) {
	ctx := context.Background()
	env := fileEnv(t)
	createCluster(t, env, CreateClusterOptions{Build: minimal})
	store := openStore(t, env)
	var buf bytes.Buffer
	if err := GetAll(ctx, store, minimal.ClusterName, OutputYAML, &buf); err != nil {
		t.Fatal(err)
	}
	m, err := ReadManifest(buf.Bytes(), "get")
	if err != nil {
		t.Fatal(err)
	}
	err = Create(ctx, store, m, ApplyOptions{}, &buf)
	if !errors.Is(err, statestore.ErrAlreadyExists) || !strings.Contains(err.Error(), "drydock replace -f") {
		t.Fatalf("create of an existing cluster: %v", err)
	}

	m.Cluster.Spec.KubernetesVersion = "1.34.0"
	extra := m.InstanceGroups[1].DeepCopy()
	extra.Metadata.Name = "nodes-extra"
	m.InstanceGroups = append(m.InstanceGroups, extra)
	if err := Replace(ctx, store, m, ApplyOptions{}, &buf); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("replace with a new group and no --force: %v", err)
	}
	if c, _, _, _ := store.GetCluster(ctx, minimal.ClusterName); c.Spec.KubernetesVersion == "1.34.0" {
		t.Error("a refused replace wrote the cluster")
	}
	buf.Reset()
	if err := Replace(ctx, store, m, ApplyOptions{Force: true}, &buf); err != nil {
		t.Fatal(err)
	}
	want := "Replaced cluster/minimal.example.com\nReplaced instancegroup/control-plane-us-east-1a\n" +
		"Replaced instancegroup/nodes-us-east-1a\nCreated instancegroup/nodes-extra\n"
	if buf.String() != want {
		t.Errorf("replace printed\n%s\nwant\n%s", buf.String(), want)
	}
	c, igs, _, _ := store.GetCluster(ctx, minimal.ClusterName)
	if c.Spec.KubernetesVersion != "1.34.0" || len(igs) != 3 {
		t.Errorf("after replace: version %s, %d groups", c.Spec.KubernetesVersion, len(igs))
	}

	bad := &api.Manifest{Cluster: c.DeepCopy()}
	bad.Cluster.Spec.KubernetesVersion = "1.2.3"
	if err := Replace(ctx, store, bad, ApplyOptions{}, &buf); err == nil || !strings.Contains(err.Error(), "nothing written") {
		t.Errorf("invalid replace: %v", err)
	}
}

package ops

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/create"
	"github.com/drydock-sandbox/drydock/cluster/statestore"
	"github.com/drydock-sandbox/drydock/cluster/validation"
)

// CreateClusterOptions are `create cluster`'s settings beyond the spec's.
type CreateClusterOptions struct {
	// Build are the options of the spec; Build.StateStore is filled from
	// the Env when empty.
	Build create.Options
	// DryRun prints the manifest in Output (yaml or json) and writes nothing.
	DryRun bool
	Output string
	// Yes: kOps would apply at once; drydock writes the spec and says
	// that `update cluster` comes next.
	Yes bool
	// SSHPublicKey is a public key file stored as the admin's key.
	SSHPublicKey string
	// BuildOptions are passed to create.Build (tests fix the clock).
	BuildOptions []create.Option
	// Catalog validates the result; nil means the AWS catalog.
	Catalog validation.Catalog
}

// CreateCluster builds and validates a cluster from opts; on a dry run it
// prints the manifest to out, otherwise it writes the cluster and its CA to
// the state store and prints kOps' closing hints.
func CreateCluster(ctx context.Context, env Env, opts CreateClusterOptions, out io.Writer) error {
	if opts.DryRun {
		if err := CheckOutput(opts.Output, OutputYAML, OutputJSON); err != nil {
			return fmt.Errorf("--dry-run needs -o yaml or -o json: %w", err)
		}
	} else if opts.Output != "" {
		return fmt.Errorf("-o %s is for --dry-run; add --dry-run to print the manifest without writing it", opts.Output)
	}
	if opts.Build.StateStore == "" {
		opts.Build.StateStore = env.URL()
	}
	var sshKey []byte
	var sshID string
	if opts.SSHPublicKey != "" {
		var err error
		if sshKey, sshID, err = readSSHKey(opts.SSHPublicKey); err != nil {
			return err
		}
	}
	if opts.Build.NetworkID != "" || len(opts.Build.SubnetIDs) > 0 {
		net, err := env.networkFor(ctx, opts.Build.Zones)
		if err != nil {
			return err
		}
		// Options given by the caller (tests) come after, and win.
		opts.BuildOptions = append([]create.Option{create.WithNetwork(net)}, opts.BuildOptions...)
	}
	m, err := create.Build(ctx, opts.Build, opts.BuildOptions...)
	if err != nil {
		return err
	}
	if err := validation.Validate(m.Cluster, m.InstanceGroups, opts.Catalog); err != nil {
		return fmt.Errorf("cluster %s is not valid; fix the flags:\n%w", opts.Build.ClusterName, err)
	}
	if err := reportSetUnmodelled(ctx, env.log(), opts, m); err != nil {
		return err
	}
	if opts.DryRun {
		return WriteObjects(out, opts.Output, ManifestObjects(m)...)
	}
	store, err := env.Open(ctx)
	if err != nil {
		return err
	}
	if _, err := store.CreateCluster(ctx, m.Cluster, m.InstanceGroups); err != nil {
		return err
	}
	if _, _, err := store.EnsureCA(ctx, m.Cluster.Name()); err != nil {
		return fmt.Errorf("cluster %s written, but its CA not: %w; run the command again after `drydock delete cluster %s --yes`",
			m.Cluster.Name(), err, m.Cluster.Name())
	}
	if sshKey != nil {
		if err := writeSSHKey(ctx, store, m.Cluster.Name(), sshKey, sshID); err != nil {
			return err
		}
	}
	writeHints(out, store, m)
	if opts.Yes {
		fmt.Fprintf(env.log(), "--yes: drydock writes the spec only; apply it with: drydock update cluster --name %s --yes --admin\n", m.Cluster.Name())
	}
	return nil
}

// writeHints prints what kOps prints after writing a new cluster.
func writeHints(out io.Writer, store *statestore.Store, m *api.Manifest) {
	name := m.Cluster.Name()
	fmt.Fprintf(out, "Cluster spec written to %s/%s\n\n", store.URL(), name)
	fmt.Fprintln(out, "Cluster configuration has been created.")
	fmt.Fprintln(out)
	fmt.Fprintln(out, "Suggestions:")
	fmt.Fprintln(out, " * list clusters with: drydock get cluster")
	fmt.Fprintf(out, " * edit this cluster with: drydock edit cluster %s\n", name)
	if ig := firstGroup(m.InstanceGroups, false); ig != "" {
		fmt.Fprintf(out, " * edit your node instance group: drydock edit ig --name=%s %s\n", name, ig)
	}
	if ig := firstGroup(m.InstanceGroups, true); ig != "" {
		fmt.Fprintf(out, " * edit your control-plane instance group: drydock edit ig --name=%s %s\n", name, ig)
	}
	fmt.Fprintln(out)
	fmt.Fprintf(out, "Finally configure your cluster with: drydock update cluster --name %s --yes --admin\n", name)
}

func firstGroup(igs []*api.InstanceGroup, controlPlane bool) string {
	for _, ig := range igs {
		if ig.IsControlPlane() == controlPlane && (controlPlane || ig.Spec.Role == api.RoleNode) {
			return ig.Name()
		}
	}
	return ""
}

// reportSetUnmodelled reports the unmodelled fields that the --set
// assignments add; those of drydock's own defaults are not news.
func reportSetUnmodelled(ctx context.Context, w io.Writer, opts CreateClusterOptions, m *api.Manifest) error {
	if len(opts.Build.Sets) == 0 {
		return nil
	}
	plain := opts.Build
	plain.Sets = nil
	base, err := create.Build(ctx, plain, opts.BuildOptions...)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, p := range base.Unmodelled() {
		known[p] = true
	}
	var added []string
	for _, p := range m.Unmodelled() {
		if !known[p] {
			added = append(added, p)
		}
	}
	if len(added) > 0 {
		fmt.Fprintf(w, "not rehearsed (kept as written): %s\n", strings.Join(added, "; "))
	}
	return nil
}

// reportUnmodelled says once, on one line, what drydock keeps without
// rehearsing it.
func reportUnmodelled(w io.Writer, m *api.Manifest) {
	if paths := m.Unmodelled(); len(paths) > 0 {
		fmt.Fprintf(w, "not rehearsed (kept as written): %s\n", strings.Join(paths, "; "))
	}
}

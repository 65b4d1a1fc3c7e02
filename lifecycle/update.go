package lifecycle

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/bootstrap"
	"github.com/drydock-sandbox/drydock/cluster/statestore"
	"github.com/drydock-sandbox/drydock/cluster/validation"
	"github.com/drydock-sandbox/drydock/providers"
)

// Targets of update cluster.
const (
	TargetDirect    = "direct"
	TargetTerraform = "terraform"
)

// UpdateOptions are update cluster's flags.
type UpdateOptions struct {
	// Yes applies the changes; without it the plan is only printed.
	Yes bool
	// Target is TargetDirect (call the cloud) or TargetTerraform.
	Target string
	// Out is the directory Terraform files are written to.
	Out string
	// Confirm, when set, is called with the plan before a direct apply
	// and may refuse it (a real account: it prints the account and cost).
	Confirm func(plan *providers.Plan) error
}

// TerraformWriter is a provider that can write a cluster's resources as
// Terraform instead of creating them.
type TerraformWriter interface {
	WriteTerraform(ctx context.Context, spec *providers.Spec, dir string) error
}

// Spec reads what the provider needs about a cluster from the state store:
// the cluster, its groups, the admin's SSH key and the bootstrap secrets
// for the user data (generated on first use).
func Spec(ctx context.Context, store *statestore.Store, name string) (*providers.Spec, error) {
	if name == "" {
		return nil, errors.New("name the cluster: --name NAME, or $KOPS_CLUSTER_NAME")
	}
	c, igs, _, err := store.GetCluster(ctx, name)
	if err != nil {
		return nil, err
	}
	if err := validation.Validate(c, igs, nil); err != nil {
		return nil, fmt.Errorf("cluster %s is not valid; fix it with drydock edit: %w", name, err)
	}
	secrets, err := bootstrap.EnsureSecrets(ctx, store, name)
	if err != nil {
		return nil, err
	}
	key, err := readSSHKey(ctx, store, name)
	if err != nil {
		return nil, err
	}
	return &providers.Spec{
		Cluster: c, Groups: igs, SSHPublicKey: key,
		UserData: func(ig *api.InstanceGroup, endpoint string) ([]byte, error) {
			return bootstrap.UserData(bootstrap.NodeConfig{Cluster: c, Group: ig, Secrets: secrets, APIEndpoint: endpoint, APIPort: 443})
		},
	}, nil
}

// readSSHKey reads the admin's SSH public key, if one is stored
// (NAME/pki/ssh/public/admin/FINGERPRINT).
func readSSHKey(ctx context.Context, store *statestore.Store, name string) ([]byte, error) {
	prefix := name + "/pki/ssh/public/admin/"
	keys, err := store.Backend().List(ctx, prefix)
	if err != nil {
		return nil, fmt.Errorf("read the SSH public key: %w", err)
	}
	if len(keys) == 0 {
		return nil, nil
	}
	data, _, err := store.Backend().Get(ctx, keys[0])
	if err != nil {
		return nil, fmt.Errorf("read the SSH public key %s: %w", keys[0], err)
	}
	return data, nil
}

// UpdateCluster is `update cluster NAME [--yes] [--target terraform --out DIR]`.
func UpdateCluster(ctx context.Context, store *statestore.Store, p providers.Provider, name string, opts UpdateOptions, out io.Writer) error {
	spec, err := Spec(ctx, store, name)
	if err != nil {
		return err
	}
	switch opts.Target {
	case "", TargetDirect:
	case TargetTerraform:
		tf, ok := p.(TerraformWriter)
		if !ok {
			return errors.New("--target terraform: this provider cannot write Terraform")
		}
		dir := opts.Out
		if dir == "" {
			dir = filepath.Join("out", "terraform")
		}
		if err := tf.WriteTerraform(ctx, spec, dir); err != nil {
			return err
		}
		fmt.Fprintf(out, "Terraform has been written to %s (user data in %s).\n", dir, filepath.Join(dir, "data"))
		fmt.Fprintf(out, "Apply it with: terraform -chdir=%s init && terraform -chdir=%s apply\n", dir, dir)
		return nil
	default:
		return fmt.Errorf("--target %q: use direct or terraform", opts.Target)
	}
	if !opts.Yes {
		plan, err := p.Plan(ctx, spec)
		if err != nil {
			return err
		}
		if err := writePlan(out, plan); err != nil {
			return err
		}
		if !plan.Empty() {
			fmt.Fprintln(out, "Must specify --yes to apply changes")
		}
		return nil
	}
	if opts.Confirm != nil {
		plan, err := p.Plan(ctx, spec)
		if err != nil {
			return err
		}
		if err := opts.Confirm(plan); err != nil {
			return err
		}
	}
	plan, err := p.Apply(ctx, spec)
	if err != nil {
		return fmt.Errorf("update cluster %s: %w (what was done is kept; run update cluster --yes again to finish)", name, err)
	}
	if err := store.WriteCompleted(ctx, spec.Cluster); err != nil {
		return err
	}
	if plan.Empty() {
		fmt.Fprintln(out, "No changes need to be applied")
		return nil
	}
	fmt.Fprintf(out, "Cluster changes have been applied to the cloud: %d created, %d modified.\n", len(plan.Creates()), len(plan.Modifies()))
	if plan.Modified("LaunchTemplate") {
		fmt.Fprintln(out)
		fmt.Fprintln(out, "Changes may require instances to restart: drydock rolling-update cluster")
	}
	return nil
}

// writePlan prints the plan and, when it creates something, its cost.
func writePlan(out io.Writer, plan *providers.Plan) error {
	if err := plan.Write(out); err != nil {
		return err
	}
	if plan.Cost != nil {
		if err := plan.Cost.Write(out); err != nil {
			return err
		}
		fmt.Fprintln(out)
	}
	return nil
}

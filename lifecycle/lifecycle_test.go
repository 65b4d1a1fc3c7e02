package lifecycle_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/create"
	"github.com/drydock-sandbox/drydock/lifecycle"
	provaws "github.com/drydock-sandbox/drydock/providers/aws"
	"github.com/drydock-sandbox/drydock/providers/aws/awstest"
)

// lifecycleCase is one topology of kOps' lifecycle test, in 3 zones with
// a control plane in each.
type lifecycleCase struct {
	name string
	opts create.Options
	// zone is a public hosted zone the user made beforehand.
	zone string
}

func lifecycleCases() []lifecycleCase {
	zones := []string{"us-east-1a", "us-east-1b", "us-east-1c"}
	return []lifecycleCase{
		{
			name: "public",
			opts: create.Options{ClusterName: "public.example.com", Zones: zones, ControlPlaneZones: zones,
				Topology: "public", DNSType: "public", DNSZone: "example.com", APILoadBalancerType: "public"},
			zone: "example.com",
		},
		{
			name: "private",
			opts: create.Options{ClusterName: "private.example.com", Zones: zones, ControlPlaneZones: zones,
				Topology: "private", DNSType: "private", DNSZone: "example.com"},
		},
		{
			// Gossip: no DNS, nodes reach the API by the NLB's name; a bastion.
			name: "bastion-gossip",
			opts: create.Options{ClusterName: "gossip.k8s.local", Zones: zones, ControlPlaneZones: zones,
				Topology: "private", Bastion: true},
		},
	}
}

func TestLifecycle(t *testing.T) {
	for _, tc := range lifecycleCases() {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, provaws.Options{})
			if tc.zone != "" {
				r.publicZone(tc.zone)
			}
			before := r.inventory()
			name := tc.opts.ClusterName
			r.create(tc.opts)

			out := r.update(name, true)
			if !strings.Contains(out, "Cluster changes have been applied to the cloud") {
				t.Fatalf("first apply:\n%s", out)
			}
			r.settle()
			if out := r.update(name, false); out != "No changes need to be applied\n" {
				t.Fatalf("second plan after apply:\n%s", out)
			}
			r.checkOwnership(name, before)

			for _, o := range overrides(name, tc.opts.Bastion) {
				t.Run(o.name, func(t *testing.T) {
					r.edit(name, o.edit)
					out := r.update(name, false)
					if got := planSummary(out); !slices.Equal(got, o.want) {
						t.Fatalf("plan after %s:\n got %q\nwant %q\n%s", o.name, got, o.want, out)
					}
					applied := r.update(name, true)
					if len(o.want) > 0 && o.rollHint != strings.Contains(applied, "drydock rolling-update cluster") {
						t.Errorf("apply after %s: rolling-update hint %v expected, got:\n%s", o.name, o.rollHint, applied)
					}
					if out := r.update(name, false); out != "No changes need to be applied\n" {
						t.Fatalf("plan after applying %s:\n%s", o.name, out)
					}
				})
			}

			var del bytes.Buffer
			if err := lifecycle.DeleteCluster(r.ctx, r.store, r.p, name, false, &del); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(del.String(), "Must specify --yes to delete cluster") || !strings.Contains(del.String(), "vpc") {
				t.Fatalf("delete without --yes:\n%s", del.String())
			}
			del.Reset()
			if err := lifecycle.DeleteCluster(r.ctx, r.store, r.p, name, true, &del); err != nil {
				t.Fatalf("delete: %v\n%s", err, del.String())
			}
			if !strings.HasSuffix(del.String(), "Deleted cluster: \""+name+"\"\n") {
				t.Errorf("delete --yes printed:\n%s", del.String())
			}
			if after := r.inventory(); !slices.Equal(after, before) {
				t.Errorf("the account after delete differs from before create:\n%s", lineDiff(before, after))
			}
		})
	}
}

// override is an edit of the spec and the plan it must give: "KIND/NAME
// FIELD" per changed field, sorted.
type override struct {
	name     string
	edit     func(c *api.Cluster, igs []*api.InstanceGroup)
	want     []string
	rollHint bool
}

func overrides(name string, bastion bool) []override {
	nodesA := "nodes-us-east-1a." + name
	var allTemplates []string
	groups := []string{"control-plane-us-east-1a.masters.", "control-plane-us-east-1b.masters.", "control-plane-us-east-1c.masters.",
		"nodes-us-east-1a.", "nodes-us-east-1b.", "nodes-us-east-1c."}
	if bastion {
		groups = append([]string{"bastions."}, groups...)
	}
	for _, ig := range groups {
		allTemplates = append(allTemplates, "LaunchTemplate/"+ig+name+" UserData")
	}
	group := func(igs []*api.InstanceGroup, n string) *api.InstanceGroup {
		for _, ig := range igs {
			if ig.Name() == n {
				return ig
			}
		}
		panic("no group " + n)
	}
	return []override{
		{
			name: "machine type",
			edit: func(_ *api.Cluster, igs []*api.InstanceGroup) {
				group(igs, "nodes-us-east-1a").Spec.MachineType = "t3.xlarge"
			},
			want: []string{"LaunchTemplate/" + nodesA + " InstanceType"}, rollHint: true,
		},
		{
			name: "image",
			edit: func(_ *api.Cluster, igs []*api.InstanceGroup) {
				group(igs, "nodes-us-east-1a").Spec.Image = "099720109477/ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20250516"
			},
			want: []string{"LaunchTemplate/" + nodesA + " ImageID"}, rollHint: true,
		},
		{
			name: "group sizes",
			edit: func(_ *api.Cluster, igs []*api.InstanceGroup) {
				ig := group(igs, "nodes-us-east-1a")
				ig.Spec.MinSize, ig.Spec.MaxSize = ptr(int32(2)), ptr(int32(4))
			},
			want: []string{"AutoscalingGroup/" + nodesA + " MaxSize", "AutoscalingGroup/" + nodesA + " MinSize"},
		},
		{
			name: "kubernetes version",
			edit: func(c *api.Cluster, _ []*api.InstanceGroup) { c.Spec.KubernetesVersion = "1.35.1" },
			want: allTemplates, rollHint: true,
		},
		{
			name: "rolling update",
			edit: func(c *api.Cluster, _ []*api.InstanceGroup) {
				c.Spec.RollingUpdate = &api.RollingUpdate{MaxSurge: ptr(api.FromInt(2)), MaxUnavailable: ptr(api.FromInt(0))}
			},
			want: nil, // how instances are replaced, not what the cloud holds
		},
	}
}

func ptr[T any](v T) *T { return &v }

// edit changes the stored cluster and groups with fn.
func (r *rig) edit(name string, fn func(c *api.Cluster, igs []*api.InstanceGroup)) {
	r.t.Helper()
	c, igs, v, err := r.store.GetCluster(r.ctx, name)
	if err != nil {
		r.t.Fatal(err)
	}
	fn(c, igs)
	if _, err := r.store.UpdateCluster(r.ctx, c, v.Cluster); err != nil {
		r.t.Fatal(err)
	}
	for _, ig := range igs {
		if _, err := r.store.UpdateInstanceGroup(r.ctx, name, ig, v.InstanceGroups[ig.Name()]); err != nil {
			r.t.Fatal(err)
		}
	}
}

// planSummary turns a printed plan into "KIND/NAME FIELD" lines of the
// modifications, sorted; creations are "KIND/NAME +".
func planSummary(out string) []string {
	var got []string
	section, res := "", ""
	for _, line := range strings.Split(out, "\n") {
		switch {
		case line == "Will create resources:" || line == "Will modify resources:":
			section = line
		case strings.HasPrefix(line, "  \t"):
			if section == "Will modify resources:" {
				got = append(got, res+" "+strings.Fields(line)[0])
			}
		case strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "   "):
			res = strings.TrimSpace(line)
			if section == "Will create resources:" {
				got = append(got, res+" +")
			}
		case line != "" && !strings.HasPrefix(line, " "):
			section = "" // the cost estimate, the closing hint
		}
	}
	slices.Sort(got)
	return got
}

func (r *rig) publicZone(name string) {
	r.t.Helper()
	_, err := route53.NewFromConfig(r.srv.Config()).CreateHostedZone(r.ctx, &route53.CreateHostedZoneInput{
		Name: aws.String(name), CallerReference: aws.String("lifecycle-test"),
	})
	if err != nil {
		r.t.Fatal(err)
	}
}

func (r *rig) inventory() []string {
	r.t.Helper()
	inv, err := awstest.Inventory(r.ctx, r.p.Clients())
	if err != nil {
		r.t.Fatal(err)
	}
	return inv
}

// checkOwnership checks that the cluster's resources are what appeared
// since before, and that delete's search, by tags, finds every one of them.
func (r *rig) checkOwnership(name string, before []string) {
	r.t.Helper()
	found, err := r.p.FindResources(r.ctx, name)
	if err != nil {
		r.t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, f := range found {
		ids[f.ID] = true
		if f.Type == provaws.ResRoute53Record {
			ids[f.Name] = true // records have no ID of their own
		}
	}
	for _, line := range lineDiffAdded(before, r.inventory()) {
		if !inventoryLineOwned(line, ids) {
			r.t.Errorf("created but not found by its ownership tags: %s", line)
		}
	}
}

// inventoryLineOwned reports whether an inventory line names one of ids:
// as its own ID, or as its parent's (the VPC of its default security
// group, the load balancer of a listener, the role of an inline policy,
// the zone of a record).
func inventoryLineOwned(line string, ids map[string]bool) bool {
	for _, f := range strings.Fields(line) {
		_, v, ok := strings.Cut(f, "=")
		if !ok {
			v = f
		}
		for _, part := range append([]string{v}, strings.Split(v, "/")...) {
			if ids[part] || ids[strings.TrimSuffix(part, ".")] {
				return true
			}
		}
	}
	return false
}

func lineDiffAdded(before, after []string) []string {
	had := map[string]bool{}
	for _, l := range before {
		had[l] = true
	}
	var out []string
	for _, l := range after {
		if !had[l] {
			out = append(out, l)
		}
	}
	return out
}

func lineDiff(before, after []string) string {
	var b strings.Builder
	for _, l := range lineDiffAdded(after, before) {
		b.WriteString("- " + l + "\n")
	}
	for _, l := range lineDiffAdded(before, after) {
		b.WriteString("+ " + l + "\n")
	}
	return b.String()
}

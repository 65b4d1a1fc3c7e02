package aws

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/create"
)

// TestTerraformPublicCluster renders a one-zone public cluster whose API
// is the load balancer's DNS name, and checks the file parses, refers
// only to its own blocks, holds the resources with their references, and
// is the same when rendered again.
func TestTerraformPublicCluster(t *testing.T) {
	spec := tfSpec(t, create.Options{ClusterName: "minimal.example.com", Zones: []string{"us-east-1a"}})
	files := tfFiles(t, spec)
	main := files[TerraformFile]
	if main.mode != 0o644 {
		t.Errorf("kubernetes.tf mode %v", main.mode)
	}
	p := tfParse(t, main.data)

	for _, key := range []string{
		"terraform", "provider aws",
		"data aws_ami ubuntu-noble-24-04-amd64-server-20260714",
		"resource aws_vpc minimal-example-com",
		"resource aws_vpc_dhcp_options minimal-example-com",
		"resource aws_vpc_dhcp_options_association minimal-example-com",
		"resource aws_internet_gateway minimal-example-com",
		"resource aws_subnet us-east-1a-minimal-example-com",
		"resource aws_route_table minimal-example-com",
		"resource aws_route route-0-0-0-0--0",
		"resource aws_route_table_association us-east-1a-minimal-example-com",
		"resource aws_security_group masters-minimal-example-com",
		"resource aws_security_group api-elb-minimal-example-com",
		"resource aws_vpc_security_group_egress_rule from-nodes-minimal-example-com-egress-all-0to0-__--0",
		"resource aws_vpc_security_group_ingress_rule from-0-0-0-0--0-ingress-tcp-22to22-masters-minimal-example-com",
		"resource aws_vpc_security_group_ingress_rule from-nodes-minimal-example-com-ingress-tcp-1to2379-masters-minimal-example-com",
		"resource aws_iam_role masters-minimal-example-com",
		"resource aws_iam_role_policy nodes-minimal-example-com",
		"resource aws_iam_instance_profile nodes-minimal-example-com",
		"resource aws_key_pair kubernetes-minimal-example-com-" + strings.ReplaceAll(tfFingerprint(t), ":", ""),
		"resource aws_launch_template control-plane-us-east-1a-masters-minimal-example-com",
		"resource aws_autoscaling_group nodes-us-east-1a-minimal-example-com",
		"resource aws_ebs_volume a-etcd-main-minimal-example-com",
		"resource aws_lb api-minimal-example-com",
		"resource aws_lb_target_group tcp-minimal-example-com",
		"resource aws_lb_listener api-minimal-example-com-443",
		"output vpc_id",
	} {
		if _, ok := p.blocks[key]; !ok {
			t.Errorf("no block %s", key)
		}
	}
	for _, key := range []string{"resource aws_route53_record api-minimal-example-com", "data aws_route53_zone example-com",
		"resource aws_eip us-east-1a-minimal-example-com", "resource aws_nat_gateway us-east-1a-minimal-example-com"} {
		if _, ok := p.blocks[key]; ok {
			t.Errorf("block %s in a public cluster without DNS", key)
		}
	}

	cp := "resource aws_launch_template control-plane-us-east-1a-masters-minimal-example-com"
	asg := "resource aws_autoscaling_group control-plane-us-east-1a-masters-minimal-example-com"
	ud := "data/aws_launch_template_control-plane-us-east-1a.masters.minimal.example.com_user_data"
	for _, c := range []struct{ key, path, want string }{
		{"provider aws", "region", `"us-east-1"`},
		{"resource aws_vpc minimal-example-com", "cidr_block", `"172.20.0.0/16"`},
		{"resource aws_subnet us-east-1a-minimal-example-com", "vpc_id", "aws_vpc.minimal-example-com.id"},
		{"resource aws_route route-0-0-0-0--0", "gateway_id", "aws_internet_gateway.minimal-example-com.id"},
		{"resource aws_vpc_security_group_egress_rule from-nodes-minimal-example-com-egress-all-0to0-__--0", "ip_protocol", `"-1"`},
		{"resource aws_vpc_security_group_egress_rule from-nodes-minimal-example-com-egress-all-0to0-__--0", "from_port", ""},
		{"resource aws_vpc_security_group_egress_rule from-nodes-minimal-example-com-egress-all-0to0-__--0", "cidr_ipv6", `"::/0"`},
		{"resource aws_vpc_security_group_ingress_rule from-nodes-minimal-example-com-ingress-tcp-1to2379-masters-minimal-example-com",
			"referenced_security_group_id", "aws_security_group.nodes-minimal-example-com.id"},
		{"resource aws_vpc_security_group_ingress_rule from-nodes-minimal-example-com-ingress-tcp-1to2379-masters-minimal-example-com", "to_port", "2379"},
		{"resource aws_iam_instance_profile masters-minimal-example-com", "role", "aws_iam_role.masters-minimal-example-com.name"},
		{cp, "name", `"control-plane-us-east-1a.masters.minimal.example.com"`},
		{cp, "image_id", "data.aws_ami.ubuntu-noble-24-04-amd64-server-20260714.id"},
		{cp, "block_device_mappings/device_name", "data.aws_ami.ubuntu-noble-24-04-amd64-server-20260714.root_device_name"},
		{cp, "block_device_mappings/ebs/volume_size", "64"},
		{cp, "network_interfaces/associate_public_ip_address", "true"},
		{cp, "network_interfaces/security_groups", "[aws_security_group.masters-minimal-example-com.id]"},
		{cp, "vpc_security_group_ids", ""},
		{cp, "iam_instance_profile/name", "aws_iam_instance_profile.masters-minimal-example-com.name"},
		{cp, "key_name", "aws_key_pair.kubernetes-minimal-example-com-" + strings.ReplaceAll(tfFingerprint(t), ":", "") + ".key_name"},
		{cp, "metadata_options/http_tokens", `"required"`},
		{cp, "metadata_options/http_put_response_hop_limit", "1"},
		{cp, "user_data", `sensitive(base64encode(replace(file("${path.module}/` + ud + `"), "` + tfAPIEndpointPlaceholder +
			`", aws_lb.api-minimal-example-com.dns_name)))`},
		{asg, "launch_template/id", "aws_launch_template.control-plane-us-east-1a-masters-minimal-example-com.id"},
		{asg, "launch_template/version", "aws_launch_template.control-plane-us-east-1a-masters-minimal-example-com.latest_version"},
		{asg, "target_group_arns", "[aws_lb_target_group.tcp-minimal-example-com.arn]"},
		{asg, "tag/propagate_at_launch", "true"},
		{"resource aws_autoscaling_group nodes-us-east-1a-minimal-example-com", "target_group_arns", ""},
		{"resource aws_lb api-minimal-example-com", "load_balancer_type", `"network"`},
		{"resource aws_lb api-minimal-example-com", "internal", "false"},
		{"resource aws_lb api-minimal-example-com", "subnets", "[aws_subnet.us-east-1a-minimal-example-com.id]"},
		{"resource aws_lb api-minimal-example-com", "enable_cross_zone_load_balancing", "true"},
		{"resource aws_lb_target_group tcp-minimal-example-com", "health_check/protocol", `"TCP"`},
		{"resource aws_lb_listener api-minimal-example-com-443", "default_action/target_group_arn", "aws_lb_target_group.tcp-minimal-example-com.arn"},
	} {
		if got := p.attr(t, c.key, c.path); got != c.want {
			t.Errorf("%s %s = %s, want %s", c.key, c.path, got, c.want)
		}
	}
	// Tags are the task's, with the ownership tags.
	tags := p.attr(t, "resource aws_vpc minimal-example-com", "tags")
	for _, kv := range []string{`"KubernetesCluster" = "minimal.example.com"`, `"kubernetes.io/cluster/minimal.example.com" = "owned"`, `"Name" = "minimal.example.com"`} {
		if !strings.Contains(strings.Join(strings.Fields(tags), " "), kv) {
			t.Errorf("aws_vpc tags %s lack %s", tags, kv)
		}
	}

	// The user data, in its own file, rendered for the placeholder.
	f, ok := files[ud]
	if !ok {
		t.Fatalf("no file %s; have %v", ud, slices.Sorted(func(yield func(string) bool) {
			for k := range files {
				if !yield(k) {
					return
				}
			}
		}))
	}
	if f.mode != 0o600 || !bytes.Contains(f.data, []byte("content: "+tfAPIEndpointPlaceholder+"\n")) {
		t.Errorf("%s: mode %v, content %q", ud, f.mode, f.data)
	}
	if bytes.Contains(main.data, []byte("#cloud-config")) {
		t.Error("kubernetes.tf holds user data")
	}

	// The same spec renders the same bytes.
	for path, again := range tfFiles(t, spec) {
		if !bytes.Equal(again.data, files[path].data) {
			t.Errorf("%s differs between two renders", path)
		}
	}
}

// TestTerraformDNS renders clusters whose API has a DNS name: the user
// data is read as is, and the record aliases the load balancer in the
// user's public zone (a data source) or in a private zone of the VPC.
func TestTerraformDNS(t *testing.T) {
	for _, tc := range []struct {
		dns, zoneKey string
		zone         map[string]string
	}{
		{"public", "data aws_route53_zone example-com", map[string]string{"name": `"example.com"`, "private_zone": "false", "vpc/vpc_id": ""}},
		{"private", "resource aws_route53_zone example-com", map[string]string{"name": `"example.com"`, "private_zone": "", "vpc/vpc_id": "aws_vpc.k8s-example-com.id"}},
	} {
		t.Run(tc.dns, func(t *testing.T) {
			spec := tfSpec(t, create.Options{ClusterName: "k8s.example.com", Zones: []string{"us-east-1a", "us-east-1b", "us-east-1c"},
				ControlPlaneZones: []string{"us-east-1a", "us-east-1b", "us-east-1c"}, Topology: "private", DNSType: tc.dns})
			files := tfFiles(t, spec)
			p := tfParse(t, files[TerraformFile].data)
			for path, want := range tc.zone {
				if got := p.attr(t, tc.zoneKey, path); got != want {
					t.Errorf("%s %s = %s, want %s", tc.zoneKey, path, got, want)
				}
			}
			zoneRef := "aws_route53_zone.example-com.zone_id"
			if tc.dns == "public" {
				zoneRef = "data." + zoneRef
			}
			rec := "resource aws_route53_record api-k8s-example-com"
			for path, want := range map[string]string{
				"zone_id": zoneRef, "name": `"api.k8s.example.com"`, "type": `"A"`,
				"alias/name": "aws_lb.api-k8s-example-com.dns_name", "alias/zone_id": "aws_lb.api-k8s-example-com.zone_id",
				"alias/evaluate_target_health": "false",
			} {
				if got := p.attr(t, rec, path); got != want {
					t.Errorf("%s %s = %s, want %s", rec, path, got, want)
				}
			}
			lt := "resource aws_launch_template nodes-us-east-1b-k8s-example-com"
			want := `sensitive(filebase64("${path.module}/data/aws_launch_template_nodes-us-east-1b.k8s.example.com_user_data"))`
			if got := p.attr(t, lt, "user_data"); got != want {
				t.Errorf("%s user_data = %s, want %s", lt, got, want)
			}
			// Private topology: the groups' templates have no public address.
			if got := p.attr(t, lt, "vpc_security_group_ids"); got != "[aws_security_group.nodes-k8s-example-com.id]" {
				t.Errorf("%s vpc_security_group_ids = %s", lt, got)
			}
			if got := p.attr(t, lt, "network_interfaces/associate_public_ip_address"); got != "" {
				t.Errorf("%s has a public address: %s", lt, got)
			}
			if got := p.attr(t, "resource aws_route route-private-us-east-1b-0-0-0-0--0", "nat_gateway_id"); got != "aws_nat_gateway.us-east-1b-k8s-example-com.id" {
				t.Errorf("private route nat_gateway_id = %s", got)
			}
			if got := p.attr(t, "resource aws_nat_gateway us-east-1c-k8s-example-com", "subnet_id"); got != "aws_subnet.utility-us-east-1c-k8s-example-com.id" {
				t.Errorf("NAT gateway subnet_id = %s", got)
			}
			if got := p.attr(t, "resource aws_nat_gateway us-east-1c-k8s-example-com", "allocation_id"); got != "aws_eip.us-east-1c-k8s-example-com.id" {
				t.Errorf("NAT gateway allocation_id = %s", got)
			}
			if got := p.attr(t, "resource aws_nat_gateway us-east-1c-k8s-example-com", "depends_on"); got != "[aws_internet_gateway.k8s-example-com]" {
				t.Errorf("NAT gateway depends_on = %s", got)
			}
			if got := p.attr(t, "resource aws_eip us-east-1c-k8s-example-com", "domain"); got != `"vpc"` {
				t.Errorf("EIP domain = %s", got)
			}
			ud := files["data/aws_launch_template_nodes-us-east-1b.k8s.example.com_user_data"]
			if !bytes.Contains(ud.data, []byte("content: api.k8s.example.com\n")) {
				t.Errorf("user data %q does not name api.k8s.example.com", ud.data)
			}
		})
	}
}

// TestTerraformSharedNetwork refers to a shared VPC, subnet and NAT
// gateway by their IDs and finds the VPC's internet gateway.
func TestTerraformSharedNetwork(t *testing.T) {
	spec := tfSpec(t, create.Options{ClusterName: "k8s.example.com", Zones: []string{"us-east-1a"}, Topology: "private"})
	c := spec.Cluster
	c.Spec.NetworkID = "vpc-0123456789abcdef0"
	for i := range c.Spec.Subnets {
		if c.Spec.Subnets[i].Type == api.SubnetPrivate {
			c.Spec.Subnets[i].ID, c.Spec.Subnets[i].Egress = "subnet-0123456789abcdef0", "nat-0123456789abcdef0"
		}
	}
	files := tfFiles(t, spec)
	p := tfParse(t, files[TerraformFile].data)
	for _, key := range []string{"resource aws_vpc k8s-example-com", "resource aws_subnet us-east-1a-k8s-example-com",
		"resource aws_vpc_dhcp_options k8s-example-com", "resource aws_nat_gateway us-east-1a-k8s-example-com"} {
		if _, ok := p.blocks[key]; ok {
			t.Errorf("block %s for a shared resource", key)
		}
	}
	for _, c := range []struct{ key, path, want string }{
		{"data aws_internet_gateway k8s-example-com", "filter/values", `["vpc-0123456789abcdef0"]`},
		{"resource aws_route route-0-0-0-0--0", "gateway_id", "data.aws_internet_gateway.k8s-example-com.id"},
		{"resource aws_subnet utility-us-east-1a-k8s-example-com", "vpc_id", `"vpc-0123456789abcdef0"`},
		{"resource aws_autoscaling_group nodes-us-east-1a-k8s-example-com", "vpc_zone_identifier", `["subnet-0123456789abcdef0"]`},
		{"output vpc_id", "value", `"vpc-0123456789abcdef0"`},
	} {
		if got := p.attr(t, c.key, c.path); got != c.want {
			t.Errorf("%s %s = %s, want %s", c.key, c.path, got, c.want)
		}
	}
}

// TestWriteTerraform writes the files with their modes, replaces a user
// data file of the wrong mode, and removes the user data of a group the
// cluster no longer has.
func TestWriteTerraform(t *testing.T) {
	dir := t.TempDir()
	spec := tfSpec(t, create.Options{ClusterName: "minimal.example.com", Zones: []string{"us-east-1a"}})
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(data, "aws_launch_template_control-plane-us-east-1a.masters.minimal.example.com_user_data")
	stale := filepath.Join(data, "aws_launch_template_gone.minimal.example.com_user_data")
	other := filepath.Join(data, "notes.txt")
	for _, f := range []string{cp, stale, other} {
		if err := os.WriteFile(f, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := New(nil, Options{}).WriteTerraform(context.Background(), spec, dir); err != nil {
		t.Fatal(err)
	}
	for path, mode := range map[string]os.FileMode{filepath.Join(dir, TerraformFile): 0o644, cp: 0o600, other: 0o644} {
		st, err := os.Stat(path)
		if err != nil {
			t.Error(err)
			continue
		}
		if st.Mode().Perm() != mode {
			t.Errorf("%s: mode %v, want %v", path, st.Mode().Perm(), mode)
		}
	}
	if b, _ := os.ReadFile(cp); !bytes.HasPrefix(b, []byte("#cloud-config")) {
		t.Errorf("%s not rewritten: %q", cp, b)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale user data %s: %v, want it removed", stale, err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(data, ".*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// TestTerraformUserDataEncodedEndpoint refuses user data that holds the
// load balancer's name in a form Terraform's replace() cannot reach, and
// reads user data that does not use the endpoint as is.
func TestTerraformUserDataEncodedEndpoint(t *testing.T) {
	spec := tfSpec(t, create.Options{ClusterName: "minimal.example.com", Zones: []string{"us-east-1a"}})
	spec.UserData = func(_ *api.InstanceGroup, endpoint string) ([]byte, error) {
		return []byte(base64.StdEncoding.EncodeToString([]byte(endpoint))), nil
	}
	if _, err := renderTerraform(spec); err == nil || !strings.Contains(err.Error(), "give the API a DNS name") {
		t.Errorf("encoded endpoint: %v", err)
	}
	spec.UserData = func(*api.InstanceGroup, string) ([]byte, error) { return []byte("#!/bin/sh\n"), nil }
	files := tfFiles(t, spec)
	p := tfParse(t, files[TerraformFile].data)
	lt := "resource aws_launch_template nodes-us-east-1a-minimal-example-com"
	if got := p.attr(t, lt, "user_data"); !strings.HasPrefix(got, "sensitive(filebase64(") {
		t.Errorf("user data without the endpoint: %s", got)
	}
}

func TestTerraformSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"minimal.example.com":                         "minimal-example-com",
		"from-0.0.0.0/0-ingress-tcp-22to22-masters.c": "from-0-0-0-0--0-ingress-tcp-22to22-masters-c",
		"from-nodes.c-egress-all-0to0-::/0":           "from-nodes-c-egress-all-0to0-__--0",
		"1a.example.com":                              "_1a-example-com",
		"a b+c":                                       "a-b-c",
	} {
		if got := tfSanitize(in); got != want {
			t.Errorf("tfSanitize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTerraformImageID keeps an AMI ID as the template's image and finds
// its root device with a data source by ID; groups of one image share it.
func TestTerraformImageID(t *testing.T) {
	spec := tfSpec(t, create.Options{ClusterName: "k8s.example.com", Zones: []string{"us-east-1a"}})
	for _, ig := range spec.Groups {
		ig.Spec.Image = "ami-0123456789abcdef0"
	}
	p := tfParse(t, tfFiles(t, spec)[TerraformFile].data)
	ami := "data aws_ami ami-0123456789abcdef0"
	for path, want := range map[string]string{"filter/name": `"image-id"`, "filter/values": `["ami-0123456789abcdef0"]`, "owners": "", "most_recent": ""} {
		if got := p.attr(t, ami, path); got != want {
			t.Errorf("%s %s = %s, want %s", ami, path, got, want)
		}
	}
	for _, lt := range []string{"control-plane-us-east-1a-masters-k8s-example-com", "nodes-us-east-1a-k8s-example-com"} {
		key := "resource aws_launch_template " + lt
		if got := p.attr(t, key, "image_id"); got != `"ami-0123456789abcdef0"` {
			t.Errorf("%s image_id = %s", key, got)
		}
		if got := p.attr(t, key, "block_device_mappings/device_name"); got != "data.aws_ami.ami-0123456789abcdef0.root_device_name" {
			t.Errorf("%s device_name = %s", key, got)
		}
	}
}

// TestTerraformNameCollision refuses two tasks of one type whose names
// become the same Terraform name.
func TestTerraformNameCollision(t *testing.T) {
	spec := tfSpec(t, create.Options{ClusterName: "minimal.example.com", Zones: []string{"us-east-1a"}})
	s := spec.Cluster.Spec.Subnets[0]
	s.Name, s.CIDR = "us.east-1a", "172.21.0.0/24"
	spec.Cluster.Spec.Subnets = append(spec.Cluster.Spec.Subnets, s)
	_, err := renderTerraform(spec)
	want := `Subnet/us-east-1a.minimal.example.com and Subnet/us.east-1a.minimal.example.com would both be aws_subnet "us-east-1a-minimal-example-com"`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want …%s…", err, want)
	}
}

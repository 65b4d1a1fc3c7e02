package ec2_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
)

func tags(kv ...string) []types.Tag {
	var out []types.Tag
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
	}
	return out
}

func TestCreateAndDeleteTags(t *testing.T) {
	h := start(t, fakeec2.Config{})
	v := h.createVpc(t, h.ec2, "10.0.0.0/16", "Name", "v")
	vpcID := aws.ToString(v.VpcId)
	subID := aws.ToString(h.createSubnet(t, h.ec2, vpcID, "10.0.0.0/24", "").SubnetId)
	sgID := h.createGroup(t, vpcID, "g")
	ids := []string{vpcID, subID, sgID}
	must[*ec2.CreateTagsOutput](t)(h.ec2.CreateTags(ctx, &ec2.CreateTagsInput{
		Resources: ids, Tags: tags("KubernetesCluster", "k.example.com", "kubernetes.io/cluster/k.example.com", "owned", "Name", "renamed"),
	}))
	vpc := must[*ec2.DescribeVpcsOutput](t)(h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{vpcID}})).Vpcs[0]
	if m := tagMap(vpc.Tags); len(m) != 3 || m["Name"] != "renamed" || m["kubernetes.io/cluster/k.example.com"] != "owned" {
		t.Fatalf("VPC tags = %v", m)
	}
	for _, f := range []types.Filter{filter("tag:KubernetesCluster", "k.example.com"), filter("tag-key", "kubernetes.io/cluster/*")} {
		for _, n := range []int{
			len(must[*ec2.DescribeVpcsOutput](t)(h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []types.Filter{f}})).Vpcs),
			len(must[*ec2.DescribeSubnetsOutput](t)(h.ec2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []types.Filter{f}})).Subnets),
			len(must[*ec2.DescribeSecurityGroupsOutput](t)(h.ec2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{f}})).SecurityGroups),
		} {
			if n != 1 {
				t.Fatalf("filter %s found %d", aws.ToString(f.Name), n)
			}
		}
	}

	// DeleteTags: by key, by key and value (only when it matches), all.
	must[*ec2.DeleteTagsOutput](t)(h.ec2.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{vpcID}, Tags: []types.Tag{{Key: aws.String("KubernetesCluster")}}}))
	must[*ec2.DeleteTagsOutput](t)(h.ec2.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{vpcID}, Tags: tags("Name", "not-this")}))
	must[*ec2.DeleteTagsOutput](t)(h.ec2.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{vpcID}, Tags: tags("kubernetes.io/cluster/k.example.com", "owned")}))
	vpc = must[*ec2.DescribeVpcsOutput](t)(h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{vpcID}})).Vpcs[0]
	if m := tagMap(vpc.Tags); len(m) != 1 || m["Name"] != "renamed" {
		t.Fatalf("VPC tags after deletes = %v", m)
	}
	must[*ec2.DeleteTagsOutput](t)(h.ec2.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{subID}}))
	sub := must[*ec2.DescribeSubnetsOutput](t)(h.ec2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{subID}})).Subnets[0]
	if len(sub.Tags) != 0 {
		t.Fatalf("subnet tags after delete-all = %v", tagMap(sub.Tags))
	}
	// An empty value deletes only a tag whose value is empty.
	must[*ec2.CreateTagsOutput](t)(h.ec2.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{subID}, Tags: tags("a", "", "b", "x")}))
	must[*ec2.DeleteTagsOutput](t)(h.ec2.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{subID}, Tags: tags("a", "", "b", "")}))
	sub = must[*ec2.DescribeSubnetsOutput](t)(h.ec2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{subID}})).Subnets[0]
	if m := tagMap(sub.Tags); len(m) != 1 || m["b"] != "x" {
		t.Fatalf("subnet tags = %v", m)
	}

	for _, tc := range []struct {
		name string
		ids  []string
		tags []types.Tag
		code string
		msg  string
	}{
		{"missing resource", []string{vpcID, "subnet-0123456789abcdef0"}, tags("a", "b"), "InvalidSubnetID.NotFound", ""},
		{"malformed", []string{"vpc-xyz"}, tags("a", "b"), "InvalidVpcID.Malformed", ""},
		{"unknown kind", []string{"foo-0123456789abcdef0"}, tags("a", "b"), "InvalidID", "The ID 'foo-0123456789abcdef0' is not valid"},
		{"aws prefix", []string{vpcID}, tags("aws:cloudformation:stack", "b"), "InvalidParameterValue", "reserved"},
		{"long key", []string{vpcID}, tags(strings.Repeat("k", 129), "b"), "InvalidParameterValue", ""},
		{"long value", []string{vpcID}, tags("k", strings.Repeat("v", 257)), "InvalidParameterValue", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := h.ec2.CreateTags(ctx, &ec2.CreateTagsInput{Resources: tc.ids, Tags: tc.tags})
			wantErr(t, err, tc.code, tc.msg)
		})
	}
	// A failed CreateTags changes nothing.
	vpc = must[*ec2.DescribeVpcsOutput](t)(h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{vpcID}})).Vpcs[0]
	if _, ok := tagMap(vpc.Tags)["a"]; ok {
		t.Fatal("a failed CreateTags tagged the VPC")
	}
	// Fifty tags at most.
	var many []string
	for i := 0; i < 50; i++ {
		many = append(many, fmt.Sprintf("k%02d", i), "v")
	}
	_, err := h.ec2.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{vpcID}, Tags: tags(many...)})
	wantErr(t, err, "TagLimitExceeded", "")
	must[*ec2.CreateTagsOutput](t)(h.ec2.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{sgID}, Tags: tags(many[:94]...)}))
}

func TestDescribeTags(t *testing.T) {
	h := start(t, fakeec2.Config{})
	vpcID := aws.ToString(h.createVpc(t, h.ec2, "10.0.0.0/16", "Name", "net", "env", "prod").VpcId)
	subID := aws.ToString(h.createSubnet(t, h.ec2, vpcID, "10.0.0.0/24", "", "Name", "sub", "tier", "web").SubnetId)
	igwID := aws.ToString(must[*ec2.CreateInternetGatewayOutput](t)(h.ec2.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{
		TagSpecifications: tagSpec(types.ResourceTypeInternetGateway, "Name", "gw"),
	})).InternetGateway.InternetGatewayId)
	describe := func(fs ...types.Filter) []types.TagDescription {
		return must[*ec2.DescribeTagsOutput](t)(h.ec2.DescribeTags(ctx, &ec2.DescribeTagsInput{Filters: fs})).Tags
	}
	all := describe()
	if len(all) != 5 {
		t.Fatalf("DescribeTags = %d tags, want 5", len(all))
	}
	for _, tc := range []struct {
		name    string
		filters []types.Filter
		want    int
	}{
		{"resource-id", []types.Filter{filter("resource-id", vpcID)}, 2},
		{"resource-type", []types.Filter{filter("resource-type", "subnet", "internet-gateway")}, 3},
		{"key", []types.Filter{filter("key", "Name")}, 3},
		{"value wildcard", []types.Filter{filter("value", "*e*")}, 2},
		{"key and type", []types.Filter{filter("key", "Name"), filter("resource-type", "vpc")}, 1},
		{"tag:K", []types.Filter{filter("tag:tier", "web")}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := describe(tc.filters...); len(got) != tc.want {
				t.Fatalf("got %d tags, want %d: %+v", len(got), tc.want, got)
			}
		})
	}
	for _, d := range describe(filter("resource-id", igwID)) {
		if d.ResourceType != types.ResourceTypeInternetGateway || aws.ToString(d.Key) != "Name" || aws.ToString(d.Value) != "gw" {
			t.Fatalf("gateway tag = %+v", d)
		}
	}
	_, err := h.ec2.DescribeTags(ctx, &ec2.DescribeTagsInput{Filters: []types.Filter{filter("colour", "x")}})
	wantErr(t, err, "InvalidParameterValue", "The filter 'colour' is invalid")

	// Paging through the tags of many subnets.
	for i := 1; i <= 11; i++ {
		h.createSubnet(t, h.ec2, vpcID, fmt.Sprintf("10.0.%d.0/24", i), "", "Name", fmt.Sprintf("s%d", i))
	}
	p := ec2.NewDescribeTagsPaginator(h.ec2, &ec2.DescribeTagsInput{MaxResults: aws.Int32(5), Filters: []types.Filter{filter("resource-type", "subnet")}})
	pages, n := 0, 0
	seen := map[string]bool{}
	for p.HasMorePages() {
		out := must[*ec2.DescribeTagsOutput](t)(p.NextPage(ctx))
		pages++
		for _, d := range out.Tags {
			k := aws.ToString(d.ResourceId) + "/" + aws.ToString(d.Key)
			if seen[k] {
				t.Fatalf("tag %s seen twice", k)
			}
			seen[k] = true
			n++
		}
	}
	if n != 13 || pages != 3 {
		t.Fatalf("paged %d tags in %d pages, want 13 in 3", n, pages)
	}
	// Deleting a resource drops its tags.
	must[*ec2.DeleteSubnetOutput](t)(h.ec2.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(subID)}))
	if got := describe(filter("resource-id", subID)); len(got) != 0 {
		t.Fatalf("deleted subnet still has tags %+v", got)
	}
}

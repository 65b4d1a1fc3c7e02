package route53_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
)

func tagString(tags []types.Tag) string {
	s := ""
	for _, t := range tags {
		s += fmt.Sprintf("%s=%s;", aws.ToString(t.Key), aws.ToString(t.Value))
	}
	return s
}

func TestTags(t *testing.T) {
	h := start(t)
	id := h.createZone(t, "example.com")
	list := func(id string) string {
		out := must[*route53.ListTagsForResourceOutput](t)(h.r53.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{
			ResourceType: types.TagResourceTypeHostedzone, ResourceId: aws.String(id),
		}))
		if aws.ToString(out.ResourceTagSet.ResourceId) != bare(id) || out.ResourceTagSet.ResourceType != types.TagResourceTypeHostedzone {
			t.Errorf("tag set of %s: %+v", id, out.ResourceTagSet)
		}
		return tagString(out.ResourceTagSet.Tags)
	}
	if got := list(id); got != "" {
		t.Errorf("new zone tags %q", got)
	}
	must[*route53.ChangeTagsForResourceOutput](t)(h.r53.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{
		ResourceType: types.TagResourceTypeHostedzone, ResourceId: aws.String(id),
		AddTags: []types.Tag{{Key: aws.String("KubernetesCluster"), Value: aws.String("c1")}, {Key: aws.String("env"), Value: aws.String("dev")}},
	}))
	if got := list(id); got != "KubernetesCluster=c1;env=dev;" {
		t.Errorf("tags %q", got)
	}
	must[*route53.ChangeTagsForResourceOutput](t)(h.r53.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{
		ResourceType: types.TagResourceTypeHostedzone, ResourceId: aws.String("/hostedzone/" + id),
		AddTags:       []types.Tag{{Key: aws.String("env"), Value: aws.String("prod")}},
		RemoveTagKeys: []string{"KubernetesCluster"},
	}))
	if got := list("/hostedzone/" + id); got != "env=prod;" {
		t.Errorf("tags after change %q", got)
	}
	many := must[*route53.ListTagsForResourcesOutput](t)(h.r53.ListTagsForResources(ctx, &route53.ListTagsForResourcesInput{
		ResourceType: types.TagResourceTypeHostedzone, ResourceIds: []string{id},
	}))
	if len(many.ResourceTagSets) != 1 || tagString(many.ResourceTagSets[0].Tags) != "env=prod;" {
		t.Errorf("ListTagsForResources %+v", many.ResourceTagSets)
	}

	_, err := h.r53.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceType: types.TagResourceTypeHostedzone, ResourceId: aws.String("ZNOPE")})
	wantErr(t, err, "NoSuchHostedZone", 404, "No hosted zone found with ID: ZNOPE")
	_, err = h.r53.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{
		ResourceType: types.TagResourceTypeHealthcheck, ResourceId: aws.String("abc"),
		AddTags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}},
	})
	wantErr(t, err, "NoSuchHealthCheck", 404, "")
	var eleven []types.Tag
	for i := range 11 {
		eleven = append(eleven, types.Tag{Key: aws.String(fmt.Sprint(i)), Value: aws.String("v")})
	}
	_, err = h.r53.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{ResourceType: types.TagResourceTypeHostedzone, ResourceId: aws.String(id), AddTags: eleven})
	wantErr(t, err, "InvalidInput", 400, "")
}

func TestVPCAssociations(t *testing.T) {
	h := start(t)
	vpcA := &types.VPC{VPCId: aws.String("vpc-0aaaaaaaaaaaaaaaa"), VPCRegion: types.VPCRegionUsEast1}
	vpcB := &types.VPC{VPCId: aws.String("vpc-0bbbbbbbbbbbbbbbb"), VPCRegion: types.VPCRegionUsEast1}
	out := must[*route53.CreateHostedZoneOutput](t)(h.r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{
		Name: aws.String("k8s.local"), CallerReference: aws.String("p"), VPC: vpcA,
	}))
	id := out.HostedZone.Id
	assoc := must[*route53.AssociateVPCWithHostedZoneOutput](t)(h.r53.AssociateVPCWithHostedZone(ctx, &route53.AssociateVPCWithHostedZoneInput{HostedZoneId: id, VPC: vpcB}))
	if !reChangeID.MatchString(*assoc.ChangeInfo.Id) {
		t.Errorf("associate change %+v", assoc.ChangeInfo)
	}
	get := must[*route53.GetHostedZoneOutput](t)(h.r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: id}))
	if len(get.VPCs) != 2 || *get.VPCs[1].VPCId != *vpcB.VPCId {
		t.Errorf("VPCs after associate %+v", get.VPCs)
	}

	// A second private zone of the same name cannot share a VPC.
	_, err := h.r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("k8s.local"), CallerReference: aws.String("p2"), VPC: vpcB})
	wantErr(t, err, "ConflictingDomainExists", 400, "")

	public := h.createZone(t, "example.com")
	_, err = h.r53.AssociateVPCWithHostedZone(ctx, &route53.AssociateVPCWithHostedZoneInput{HostedZoneId: aws.String(public), VPC: vpcA})
	wantErr(t, err, "PublicZoneVPCAssociation", 400, "")
	_, err = h.r53.AssociateVPCWithHostedZone(ctx, &route53.AssociateVPCWithHostedZoneInput{HostedZoneId: id, VPC: &types.VPC{VPCId: aws.String("subnet-1"), VPCRegion: types.VPCRegionUsEast1}})
	wantErr(t, err, "InvalidVPCId", 400, "The VPC ID is invalid.")

	must[*route53.DisassociateVPCFromHostedZoneOutput](t)(h.r53.DisassociateVPCFromHostedZone(ctx, &route53.DisassociateVPCFromHostedZoneInput{HostedZoneId: id, VPC: vpcA}))
	_, err = h.r53.DisassociateVPCFromHostedZone(ctx, &route53.DisassociateVPCFromHostedZoneInput{HostedZoneId: id, VPC: vpcA})
	wantErr(t, err, "VPCAssociationNotFound", 404, "The specified VPC and hosted zone are not currently associated.")
	_, err = h.r53.DisassociateVPCFromHostedZone(ctx, &route53.DisassociateVPCFromHostedZoneInput{HostedZoneId: id, VPC: vpcB})
	wantErr(t, err, "LastVPCAssociation", 400, "")
	lim := must[*route53.GetHostedZoneLimitOutput](t)(h.r53.GetHostedZoneLimit(ctx, &route53.GetHostedZoneLimitInput{HostedZoneId: id, Type: types.HostedZoneLimitTypeMaxVpcsAssociatedByZone}))
	if lim.Count != 1 {
		t.Errorf("VPC count %d, want 1", lim.Count)
	}
}

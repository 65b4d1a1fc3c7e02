package aws

import (
	"context"
	"maps"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elbv2types "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
)

// ec2Tags is tags as EC2 takes them, sorted by key.
func ec2Tags(tags map[string]string) []ec2types.Tag {
	out := make([]ec2types.Tag, 0, len(tags))
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		out = append(out, ec2types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

// tagSpec tags a resource of type rt at creation.
func tagSpec(rt ec2types.ResourceType, tags map[string]string) []ec2types.TagSpecification {
	return []ec2types.TagSpecification{{ResourceType: rt, Tags: ec2Tags(tags)}}
}

// addTags adds the tags of any AWS service's tag list to m; kv reads one
// tag's key and value (ec2Tag, iamTag, …).
func addTags[T any](m map[string]string, tags []T, kv func(T) (key, value *string)) map[string]string {
	for _, t := range tags {
		k, v := kv(t)
		m[aws.ToString(k)] = aws.ToString(v)
	}
	return m
}

// tagsOf turns any AWS service's tag list into a map.
func tagsOf[T any](tags []T, kv func(T) (key, value *string)) map[string]string {
	return addTags(make(map[string]string, len(tags)), tags, kv)
}

// The readers of each service's tag type, for tagsOf and addTags.
func ec2Tag(t ec2types.Tag) (*string, *string)           { return t.Key, t.Value }
func iamTag(t iamtypes.Tag) (*string, *string)           { return t.Key, t.Value }
func elbTag(t elbv2types.Tag) (*string, *string)         { return t.Key, t.Value }
func route53Tag(t r53types.Tag) (*string, *string)       { return t.Key, t.Value }
func asgTag(t astypes.TagDescription) (*string, *string) { return t.Key, t.Value }

// tagMap turns EC2 tags into a map.
func tagMap(tags []ec2types.Tag) map[string]string { return tagsOf(tags, ec2Tag) }

// only keeps the keys of have that want has: the driver compares and sets
// its own tags and leaves others' alone.
func only(have, want map[string]string) map[string]string {
	out := map[string]string{}
	for k := range want {
		if v, ok := have[k]; ok {
			out[k] = v
		}
	}
	return out
}

// tagEC2 sets tags on EC2 resource id.
func tagEC2(ctx context.Context, c *Clients, id string, tags map[string]string) error {
	_, err := c.EC2.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: ec2Tags(tags)})
	return err
}

// byName filters EC2 resources by their Name tag and cluster tag.
func byName(name, cluster string) []ec2types.Filter {
	return []ec2types.Filter{
		{Name: aws.String("tag:" + TagName), Values: []string{name}},
		{Name: aws.String("tag:" + TagCluster), Values: []string{cluster}},
	}
}

func filter(name string, values ...string) ec2types.Filter {
	return ec2types.Filter{Name: aws.String(name), Values: values}
}

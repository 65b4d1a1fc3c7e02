package aws

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"

	"github.com/drydock-sandbox/drydock/providers"
)

// IAM roles, their inline policies and instance profiles. IAM answers
// NoSuchEntity for what does not exist, and returns policy documents
// URL-encoded and as they were sent: documents are compared decoded and
// re-encoded as compact JSON with sorted keys, so that whitespace and key
// order are no difference.

// IAM role.

func (t *iamRoleTask) kind() string { return "IAMRole" }
func (t *iamRoleTask) name() string { return t.Name }
func (t *iamRoleTask) deps() []task { return nil }

func (t *iamRoleTask) fields() []field {
	return []field{
		fieldOf("AssumeRolePolicy", normalizeJSON(t.AssumeRolePolicy)),
		fieldOf("Tags", t.Tags),
	}
}

func (t *iamRoleTask) find(ctx context.Context, c *Clients) (task, error) {
	out, err := c.IAM.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(t.Name)})
	if isCode(err, "NoSuchEntity") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r := out.Role
	t.arn = aws.ToString(r.Arn)
	return &iamRoleTask{
		Name:             t.Name,
		AssumeRolePolicy: decodePolicy(aws.ToString(r.AssumeRolePolicyDocument)),
		Tags:             only(tagsOf(r.Tags, iamTag), t.Tags),
		arn:              t.arn,
	}, nil
}

func (t *iamRoleTask) create(ctx context.Context, c *Clients) error {
	out, err := c.IAM.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName:                 aws.String(t.Name),
		AssumeRolePolicyDocument: aws.String(t.AssumeRolePolicy),
		Tags:                     iamTags(t.Tags),
	})
	if err != nil {
		return err
	}
	t.arn = aws.ToString(out.Role.Arn)
	return nil
}

func (t *iamRoleTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	for _, ch := range changes {
		var err error
		switch ch.Name {
		case "AssumeRolePolicy":
			_, err = c.IAM.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{
				RoleName: aws.String(t.Name), PolicyDocument: aws.String(t.AssumeRolePolicy),
			})
		case "Tags":
			_, err = c.IAM.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String(t.Name), Tags: iamTags(t.Tags)})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// IAM role policy.

func (t *iamRolePolicyTask) kind() string { return "IAMRolePolicy" }
func (t *iamRolePolicyTask) name() string { return t.Name }
func (t *iamRolePolicyTask) deps() []task { return []task{t.Role} }

func (t *iamRolePolicyTask) fields() []field {
	return []field{fieldOf("PolicyDocument", normalizeJSON(t.PolicyDocument))}
}

func (t *iamRolePolicyTask) find(ctx context.Context, c *Clients) (task, error) {
	if t.Role.arn == "" {
		return nil, nil
	}
	out, err := c.IAM.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(t.Role.Name), PolicyName: aws.String(t.Name)})
	if isCode(err, "NoSuchEntity") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &iamRolePolicyTask{Name: t.Name, Role: t.Role, PolicyDocument: decodePolicy(aws.ToString(out.PolicyDocument))}, nil
}

func (t *iamRolePolicyTask) create(ctx context.Context, c *Clients) error {
	_, err := c.IAM.PutRolePolicy(ctx, &iam.PutRolePolicyInput{
		RoleName: aws.String(t.Role.Name), PolicyName: aws.String(t.Name), PolicyDocument: aws.String(t.PolicyDocument),
	})
	return err
}

func (t *iamRolePolicyTask) update(ctx context.Context, c *Clients, _ task, _ []providers.Field) error {
	return t.create(ctx, c)
}

// IAM instance profile.

func (t *iamInstanceProfileTask) kind() string { return "IAMInstanceProfile" }
func (t *iamInstanceProfileTask) name() string { return t.Name }
func (t *iamInstanceProfileTask) deps() []task { return nil }

func (t *iamInstanceProfileTask) fields() []field { return []field{fieldOf("Tags", t.Tags)} }

func (t *iamInstanceProfileTask) find(ctx context.Context, c *Clients) (task, error) {
	p, err := getInstanceProfile(ctx, c, t.Name)
	if p == nil || err != nil {
		return nil, err
	}
	t.arn = aws.ToString(p.Arn)
	return &iamInstanceProfileTask{Name: t.Name, Tags: only(tagsOf(p.Tags, iamTag), t.Tags), arn: t.arn}, nil
}

func (t *iamInstanceProfileTask) create(ctx context.Context, c *Clients) error {
	out, err := c.IAM.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{
		InstanceProfileName: aws.String(t.Name), Tags: iamTags(t.Tags),
	})
	if err != nil {
		return err
	}
	t.arn = aws.ToString(out.InstanceProfile.Arn)
	return nil
}

func (t *iamInstanceProfileTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	for _, ch := range changes {
		if ch.Name == "Tags" {
			_, err := c.IAM.TagInstanceProfile(ctx, &iam.TagInstanceProfileInput{
				InstanceProfileName: aws.String(t.Name), Tags: iamTags(t.Tags),
			})
			return err
		}
	}
	return nil
}

// getInstanceProfile reads an instance profile: nil when there is none.
func getInstanceProfile(ctx context.Context, c *Clients, name string) (*iamtypes.InstanceProfile, error) {
	out, err := c.IAM.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String(name)})
	if isCode(err, "NoSuchEntity") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return out.InstanceProfile, nil
}

// IAM instance profile's role.

func (t *iamInstanceProfileRoleTask) kind() string { return "IAMInstanceProfileRole" }
func (t *iamInstanceProfileRoleTask) name() string { return t.Name }
func (t *iamInstanceProfileRoleTask) deps() []task { return []task{t.Profile, t.Role} }

func (t *iamInstanceProfileRoleTask) fields() []field { return []field{fieldOf("Role", t.Role)} }

// find reports the profile's role; a profile without one is an absent
// task. A profile holds at most one role.
func (t *iamInstanceProfileRoleTask) find(ctx context.Context, c *Clients) (task, error) {
	if t.Profile.arn == "" {
		return nil, nil
	}
	p, err := getInstanceProfile(ctx, c, t.Profile.Name)
	if p == nil || err != nil || len(p.Roles) == 0 {
		return nil, err
	}
	return &iamInstanceProfileRoleTask{
		Name: t.Name, Profile: t.Profile, Role: &iamRoleTask{Name: aws.ToString(p.Roles[0].RoleName)},
	}, nil
}

func (t *iamInstanceProfileRoleTask) create(ctx context.Context, c *Clients) error {
	_, err := c.IAM.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{
		InstanceProfileName: aws.String(t.Profile.Name), RoleName: aws.String(t.Role.Name),
	})
	return err
}

// update replaces the profile's role: IAM allows one per profile.
func (t *iamInstanceProfileRoleTask) update(ctx context.Context, c *Clients, actual task, _ []providers.Field) error {
	old := actual.(*iamInstanceProfileRoleTask).Role.Name
	if _, err := c.IAM.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{
		InstanceProfileName: aws.String(t.Profile.Name), RoleName: aws.String(old),
	}); err != nil {
		return err
	}
	return t.create(ctx, c)
}

// Helpers.

func iamTags(tags map[string]string) []iamtypes.Tag {
	out := make([]iamtypes.Tag, 0, len(tags))
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		out = append(out, iamtypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

// decodePolicy undoes IAM's URL encoding of a policy document it returns.
// It decodes percent escapes only ("+" stays "+"), as IAM encodes spaces
// as %20.
func decodePolicy(doc string) string {
	if d, err := url.PathUnescape(doc); err == nil {
		return d
	}
	return doc
}

// normalizeJSON is doc as compact JSON with object keys sorted, or doc
// trimmed when it is not JSON (IAM will refuse it with its own message).
func normalizeJSON(doc string) string {
	d := json.NewDecoder(strings.NewReader(doc))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil || d.More() {
		return strings.TrimSpace(doc)
	}
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return strings.TrimSpace(doc)
	}
	return strings.TrimSpace(b.String())
}

// profileRetry bounds the wait for a new instance profile to be usable.
// IAM is eventually consistent: on AWS, EC2 and Auto Scaling may refuse a
// profile for about ten seconds after its creation. The zero value waits
// up to 30 times 2 s; tests set a short interval.
type profileRetry struct {
	interval time.Duration
	attempts int
}

// do calls fn until it succeeds, fails with an error other than "instance
// profile not ready" (one of codes, mentioning the profile), the attempts
// run out or ctx ends.
func (p profileRetry) do(ctx context.Context, fn func() error, codes ...string) error {
	interval, attempts := p.interval, p.attempts
	if interval <= 0 {
		interval = 2 * time.Second
	}
	if attempts <= 0 {
		attempts = 30
	}
	for i := 1; ; i++ {
		err := fn()
		if err == nil || i >= attempts || !profileNotReady(err, codes...) {
			return err
		}
		timer := time.NewTimer(interval)
		select {
		case <-ctx.Done():
			timer.Stop()
			return errors.Join(ctx.Err(), err)
		case <-timer.C:
		}
	}
}

// profileNotReady reports whether err is an AWS error with one of codes
// about the IAM instance profile: EC2's "InvalidParameterValue: Value (x)
// for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance
// Profile name", Auto Scaling's ValidationError with the same words.
func profileNotReady(err error, codes ...string) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) || !slices.Contains(codes, ae.ErrorCode()) {
		return false
	}
	m := strings.ToLower(ae.ErrorMessage())
	return strings.Contains(m, "instance profile") || strings.Contains(m, "iaminstanceprofile")
}

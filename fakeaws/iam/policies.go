package iam

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

const maxPolicyName = 128

// policyARN is a parsed managed-policy ARN.
type policyARN struct {
	arn, account, path, name string
}

// parsePolicyARN parses arn:PARTITION:iam::ACCOUNT:policy/PATH/NAME.
// Strings that are no ARN at all are a ValidationError, ARNs of anything
// but an IAM policy InvalidInput, as AWS answers.
func (s *service) parsePolicyARN(arn string) (policyARN, error) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] == "" {
		return policyARN{}, awsapi.ValidationError("Invalid ARN:  Could not be parsed!")
	}
	resource, ok := strings.CutPrefix(parts[5], "policy/")
	if parts[1] != s.partition() || parts[2] != "iam" || parts[3] != "" || !ok {
		return policyARN{}, invalidInput("ARN %s is not valid.", arn)
	}
	path, name := "/", resource
	if i := strings.LastIndexByte(resource, '/'); i >= 0 {
		path, name = "/"+resource[:i+1], resource[i+1:]
	}
	if !reName.MatchString(name) || len(name) > maxPolicyName || !rePolicyPath.MatchString(path) {
		return policyARN{}, invalidInput("ARN %s is not valid.", arn)
	}
	if parts[4] != "aws" && !validAccount(parts[4]) {
		return policyARN{}, invalidInput("ARN %s is not valid.", arn)
	}
	return policyARN{arn: arn, account: parts[4], path: path, name: name}, nil
}

func validAccount(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// attachable resolves a policy ARN a role may attach. AWS managed
// policies (account "aws") are accepted without a catalogue; customer
// managed policies cannot be created here, so none exists.
func (s *service) attachable(arn string) (policyARN, error) {
	pa, err := s.parsePolicyARN(arn)
	if err != nil {
		return policyARN{}, err
	}
	if pa.account != "aws" {
		return policyARN{}, noSuchEntity("Policy %s does not exist or is not attachable.", arn)
	}
	return pa, nil
}

// boundaryPolicy resolves the ARN of a permissions boundary.
func (s *service) boundaryPolicy(arn string) (policyARN, error) {
	pa, err := s.parsePolicyARN(arn)
	if err != nil {
		return policyARN{}, err
	}
	if pa.account != "aws" {
		return policyARN{}, noSuchEntity("Scope ARN: %s does not exist or is not attachable.", arn)
	}
	return pa, nil
}

func (s *service) putRolePolicy(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	roleName := v.name("RoleName", maxRoleName)
	name := v.name("PolicyName", maxPolicyName)
	doc := v.document("PolicyDocument")
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := checkPolicy(doc); err != nil {
		return nil, err
	}
	account := r.Account()
	return nil, s.update(func(tx *store.Tx) error {
		if _, err := getRole(tx, account, roleName); err != nil {
			return err
		}
		b := bucket(tx, account, kindRolePolicies)
		prefix := childPrefix(roleName)
		size := policySize(doc)
		err := b.Scan(prefix, "", func(k string, raw []byte) (bool, error) {
			if k == prefix+name {
				return true, nil
			}
			var ip inlinePolicy
			if err := json.Unmarshal(raw, &ip); err != nil {
				return false, fmt.Errorf("iam: decode %q: %w", k, err)
			}
			size += policySize(ip.Document)
			return true, nil
		})
		if err != nil {
			return err
		}
		if size > maxInlinePoliciesSize {
			return limitExceeded("Maximum policy size of %d bytes exceeded for role %s", maxInlinePoliciesSize, roleName)
		}
		return b.Put(prefix+name, inlinePolicy{Name: name, Document: doc})
	})
}

type getRolePolicyResult struct {
	RoleName       string `xml:"RoleName"`
	PolicyName     string `xml:"PolicyName"`
	PolicyDocument string `xml:"PolicyDocument"`
}

func (s *service) getRolePolicy(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	roleName := v.name("RoleName", maxRoleName)
	name := v.name("PolicyName", maxPolicyName)
	if err := v.err(); err != nil {
		return nil, err
	}
	var out getRolePolicyResult
	err := s.view(func(tx *store.Tx) error {
		ro, err := getRole(tx, r.Account(), roleName)
		if err != nil {
			return err
		}
		ip, ok, err := store.Get[inlinePolicy](bucket(tx, r.Account(), kindRolePolicies), childPrefix(roleName)+name)
		if err != nil {
			return err
		}
		if !ok {
			return errNoSuchRolePolicy(name)
		}
		out = getRolePolicyResult{RoleName: ro.Name, PolicyName: ip.Name, PolicyDocument: encodePolicy(ip.Document)}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *service) deleteRolePolicy(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	roleName := v.name("RoleName", maxRoleName)
	name := v.name("PolicyName", maxPolicyName)
	if err := v.err(); err != nil {
		return nil, err
	}
	return nil, s.update(func(tx *store.Tx) error {
		if _, err := getRole(tx, r.Account(), roleName); err != nil {
			return err
		}
		b := bucket(tx, r.Account(), kindRolePolicies)
		key := childPrefix(roleName) + name
		if !b.Has(key) {
			return errNoSuchRolePolicy(name)
		}
		return b.Delete(key)
	})
}

type listRolePoliciesResult struct {
	PolicyNames members[string] `xml:"PolicyNames"`
	pageResult
}

func (s *service) listRolePolicies(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	roleName := v.name("RoleName", maxRoleName)
	pg := v.page()
	if err := v.err(); err != nil {
		return nil, err
	}
	out := listRolePoliciesResult{PolicyNames: members[string]{}}
	err := s.view(func(tx *store.Tx) error {
		if _, err := getRole(tx, r.Account(), roleName); err != nil {
			return err
		}
		pols, res, err := scanPage[inlinePolicy](bucket(tx, r.Account(), kindRolePolicies), childPrefix(roleName), pg, nil)
		if err != nil {
			return err
		}
		for _, ip := range pols {
			out.PolicyNames = append(out.PolicyNames, ip.Name)
		}
		out.pageResult = res
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *service) attachRolePolicy(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	roleName := v.name("RoleName", maxRoleName)
	arn := v.required("PolicyArn", 0, 2048, nil, "")
	if err := v.err(); err != nil {
		return nil, err
	}
	account := r.Account()
	return nil, s.update(func(tx *store.Tx) error {
		if _, err := getRole(tx, account, roleName); err != nil {
			return err
		}
		pa, err := s.attachable(arn)
		if err != nil {
			return err
		}
		b := bucket(tx, account, kindAttachments)
		prefix := childPrefix(roleName)
		if b.Has(prefix + arn) {
			return nil // attaching twice is a no-op
		}
		n, err := b.Count(prefix)
		if err != nil {
			return err
		}
		if n >= maxAttachedPolicies {
			return limitExceeded("Cannot exceed quota for PoliciesPerRole: %d", maxAttachedPolicies)
		}
		return b.Put(prefix+arn, attachment{PolicyName: pa.name, PolicyARN: arn, PolicyPath: pa.path})
	})
}

func (s *service) detachRolePolicy(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	roleName := v.name("RoleName", maxRoleName)
	arn := v.required("PolicyArn", 0, 2048, nil, "")
	if err := v.err(); err != nil {
		return nil, err
	}
	account := r.Account()
	return nil, s.update(func(tx *store.Tx) error {
		if _, err := getRole(tx, account, roleName); err != nil {
			return err
		}
		if _, err := s.parsePolicyARN(arn); err != nil {
			return err
		}
		b := bucket(tx, account, kindAttachments)
		key := childPrefix(roleName) + arn
		if !b.Has(key) {
			return noSuchEntity("Policy %s was not found.", arn)
		}
		return b.Delete(key)
	})
}

type attachedPolicyXML struct {
	PolicyName string `xml:"PolicyName"`
	PolicyArn  string `xml:"PolicyArn"`
}

type listAttachedResult struct {
	AttachedPolicies members[attachedPolicyXML] `xml:"AttachedPolicies"`
	pageResult
}

func (s *service) listAttachedRolePolicies(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	roleName := v.name("RoleName", maxRoleName)
	prefix := v.str("PathPrefix", 1, 512, rePolicyPath, patPolicyPath)
	pg := v.page()
	if err := v.err(); err != nil {
		return nil, err
	}
	out := listAttachedResult{AttachedPolicies: members[attachedPolicyXML]{}}
	err := s.view(func(tx *store.Tx) error {
		if _, err := getRole(tx, r.Account(), roleName); err != nil {
			return err
		}
		atts, res, err := scanPage(bucket(tx, r.Account(), kindAttachments), childPrefix(roleName), pg, func(a attachment) bool {
			return strings.HasPrefix(a.PolicyPath, prefix)
		})
		if err != nil {
			return err
		}
		for _, a := range atts {
			out.AttachedPolicies = append(out.AttachedPolicies, attachedPolicyXML{PolicyName: a.PolicyName, PolicyArn: a.PolicyARN})
		}
		out.pageResult = res
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

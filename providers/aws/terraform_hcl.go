package aws

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// HCL expressions of the Terraform target, as hclwrite tokens. The file is
// run through hclwrite.Format at the end, which indents and aligns them.

func tfString(s string) hclwrite.Tokens { return hclwrite.TokensForValue(cty.StringVal(s)) }
func tfInt(n int64) hclwrite.Tokens     { return hclwrite.TokensForValue(cty.NumberIntVal(n)) }
func tfBool(b bool) hclwrite.Tokens     { return hclwrite.TokensForValue(cty.BoolVal(b)) }

// tfRef is a reference such as aws_vpc.NAME.id.
func tfRef(root string, attrs ...string) hclwrite.Tokens {
	tr := hcl.Traversal{hcl.TraverseRoot{Name: root}}
	for _, a := range attrs {
		tr = append(tr, hcl.TraverseAttr{Name: a})
	}
	return hclwrite.TokensForTraversal(tr)
}

// tfList is a tuple, one element per line when it has more than one.
func tfList(elems []hclwrite.Tokens) hclwrite.Tokens {
	if len(elems) <= 1 {
		return hclwrite.TokensForTuple(elems)
	}
	toks := hclwrite.Tokens{tfToken(hclsyntax.TokenOBrack, "["), tfNewline()}
	for _, e := range elems {
		toks = append(toks, e...)
		toks = append(toks, tfToken(hclsyntax.TokenComma, ","), tfNewline())
	}
	return append(toks, tfToken(hclsyntax.TokenCBrack, "]"))
}

// tfStrings is a list of string literals.
func tfStrings(ss []string) hclwrite.Tokens {
	elems := make([]hclwrite.Tokens, len(ss))
	for i, s := range ss {
		elems[i] = tfString(s)
	}
	return tfList(elems)
}

// tfMap is a map of strings with its keys quoted and sorted, as kOps
// writes tags: a quoted key is never read as a keyword or a reference.
func tfMap(m map[string]string) hclwrite.Tokens {
	var attrs []hclwrite.ObjectAttrTokens
	for _, k := range slices.Sorted(maps.Keys(m)) {
		attrs = append(attrs, hclwrite.ObjectAttrTokens{Name: tfString(k), Value: tfString(m[k])})
	}
	return hclwrite.TokensForObject(attrs)
}

func tfCall(fn string, args ...hclwrite.Tokens) hclwrite.Tokens {
	return hclwrite.TokensForFunctionCall(fn, args...)
}

// tfModulePath is "${path.module}/REL": a path relative to the
// configuration's directory. rel must hold only characters that need no
// escaping in an HCL string (see tfSafePath).
func tfModulePath(rel string) hclwrite.Tokens {
	return hclwrite.Tokens{
		tfToken(hclsyntax.TokenOQuote, `"`),
		tfToken(hclsyntax.TokenTemplateInterp, "${"),
		tfToken(hclsyntax.TokenIdent, "path"),
		tfToken(hclsyntax.TokenDot, "."),
		tfToken(hclsyntax.TokenIdent, "module"),
		tfToken(hclsyntax.TokenTemplateSeqEnd, "}"),
		tfToken(hclsyntax.TokenQuotedLit, "/"+rel),
		tfToken(hclsyntax.TokenCQuote, `"`),
	}
}

// tfSafePath reports whether s is safe in a file name and in an HCL
// string as it is: letters, digits, '.', '-' and '_'.
func tfSafePath(s string) bool {
	if s == "" || strings.HasPrefix(s, ".") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// tfJSON is jsonencode(VALUE) of a JSON document, with the document
// written as HCL so that it reads as the policy it is.
func tfJSON(doc string) (hclwrite.Tokens, error) {
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("policy document is not JSON: %w", err)
	}
	val, err := tfJSONValue(v)
	if err != nil {
		return nil, err
	}
	return tfCall("jsonencode", val), nil
}

func tfJSONValue(v any) (hclwrite.Tokens, error) {
	switch v := v.(type) {
	case nil:
		return hclwrite.TokensForValue(cty.NullVal(cty.DynamicPseudoType)), nil
	case bool:
		return tfBool(v), nil
	case string:
		return tfString(v), nil
	case json.Number:
		n, err := cty.ParseNumberVal(v.String())
		if err != nil {
			return nil, err
		}
		return hclwrite.TokensForValue(n), nil
	case []any:
		elems := make([]hclwrite.Tokens, len(v))
		for i, e := range v {
			t, err := tfJSONValue(e)
			if err != nil {
				return nil, err
			}
			elems[i] = t
		}
		return tfList(elems), nil
	case map[string]any:
		var attrs []hclwrite.ObjectAttrTokens
		for _, k := range slices.Sorted(maps.Keys(v)) {
			t, err := tfJSONValue(v[k])
			if err != nil {
				return nil, err
			}
			attrs = append(attrs, hclwrite.ObjectAttrTokens{Name: tfKey(k), Value: t})
		}
		return hclwrite.TokensForObject(attrs), nil
	default:
		return nil, fmt.Errorf("unexpected JSON value %T", v)
	}
}

// tfKey is an object key: bare when it is an identifier that is not a
// keyword, else quoted.
func tfKey(k string) hclwrite.Tokens {
	if hclsyntax.ValidIdentifier(k) && k != "null" && k != "true" && k != "false" {
		return hclwrite.TokensForIdentifier(k)
	}
	return tfString(k)
}

func tfToken(typ hclsyntax.TokenType, s string) *hclwrite.Token {
	return &hclwrite.Token{Type: typ, Bytes: []byte(s)}
}

func tfNewline() *hclwrite.Token { return tfToken(hclsyntax.TokenNewline, "\n") }

// tfSanitize turns a task's name into a Terraform resource name as kOps
// does ('.' → '-', '/' → "--", ':' → '_'), any other character that
// Terraform does not allow into '-', and a name that does not start with
// a letter or '_' gets a leading '_'.
func tfSanitize(name string) string {
	var b bytes.Buffer
	for _, r := range name {
		switch {
		case r == '.':
			b.WriteByte('-')
		case r == '/':
			b.WriteString("--")
		case r == ':':
			b.WriteByte('_')
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	s := b.String()
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z' || s[0] == '_') {
		s = "_" + s
	}
	return s
}

//! Terraform's operators on typed values, rendered as cdktf's `Op` renders them.
//!
//! - Arithmetic on numbers through `std::ops`: `+ - * / %` between `Value<f64>`s and Rust
//!   numbers on either side, and unary `-`: `size + 1`, `2 * size`, `-size`.
//! - Comparison and logic as methods: [`gt`](Value::gt), [`ge`](Value::ge), [`lt`](Value::lt),
//!   [`le`](Value::le) on numbers, [`eq`](Value::eq) and [`ne`](Value::ne) on any value,
//!   [`and`](Value::and) and [`or`](Value::or) on bools, and `!` (`std::ops::Not`) for not.
//!
//! ```
//! use cdktf::Value;
//! let size: Value<f64> = cdktf::Expression::raw("var.size").into();
//! let doubled = 2 * size.clone() + 1;
//! assert_eq!(doubled.to_literal_json().unwrap(), "${((2 * var.size) + 1)}");
//! let ok = size.gt(0).and(!size.eq(13));
//! assert_eq!(ok.to_literal_json().unwrap(), "${((var.size > 0) && !(var.size == 13))}");
//! ```
//!
//! A binary operation is always written in parentheses and a unary one without, exactly as cdktf
//! writes them, so the text is cdktf's byte for byte. One difference: cdktf 0.21 drops an operand
//! that is `0`, `false` or `""` (`Op.eq(x, 0)` renders `(x == undefined)`, which Terraform
//! rejects); here the literal is written: `(x == 0)`.

use std::ops::{Add, Div, Mul, Neg, Not, Rem, Sub};

use crate::expr::{ExprKind, Expression};
use crate::value::Value;

fn binary<T>(op: &'static str, left: crate::expr::Repr, right: crate::expr::Repr) -> Value<T> {
    Value::from_expression(Expression::new(ExprKind::Binary(op, left, right)))
}

fn unary<T>(op: &'static str, operand: crate::expr::Repr) -> Value<T> {
    Value::from_expression(Expression::new(ExprKind::Unary(op, operand)))
}

macro_rules! arithmetic {
    ($($trait:ident $method:ident $op:literal),*) => {$(
        impl<R: Into<Value<f64>>> $trait<R> for Value<f64> {
            type Output = Value<f64>;
            #[doc = concat!("`(left ", $op, " right)`.")]
            fn $method(self, right: R) -> Value<f64> {
                binary($op, self.repr, right.into().repr)
            }
        }

        impl<R: Into<Value<f64>>> $trait<R> for &Value<f64> {
            type Output = Value<f64>;
            #[doc = concat!("`(left ", $op, " right)`.")]
            fn $method(self, right: R) -> Value<f64> {
                binary($op, self.repr.clone(), right.into().repr)
            }
        }

        // One integer and one float type only: an unsuffixed literal (`2 * size`) then has one
        // candidate, where several integer types would leave its type ambiguous.
        arithmetic!(@literals $trait $method $op: i32, f64);
    )*};
    (@literals $trait:ident $method:ident $op:literal: $($n:ty),*) => {$(
        impl $trait<Value<f64>> for $n {
            type Output = Value<f64>;
            #[doc = concat!("`(left ", $op, " right)`, with a Rust number on the left.")]
            fn $method(self, right: Value<f64>) -> Value<f64> {
                binary($op, Value::<f64>::from(self).repr, right.repr)
            }
        }

        impl $trait<&Value<f64>> for $n {
            type Output = Value<f64>;
            #[doc = concat!("`(left ", $op, " right)`, with a Rust number on the left.")]
            fn $method(self, right: &Value<f64>) -> Value<f64> {
                binary($op, Value::<f64>::from(self).repr, right.repr.clone())
            }
        }
    )*};
}

arithmetic!(Add add "+", Sub sub "-", Mul mul "*", Div div "/", Rem rem "%");

impl Neg for Value<f64> {
    type Output = Value<f64>;
    /// `-value`.
    fn neg(self) -> Value<f64> {
        unary("-", self.repr)
    }
}

impl Neg for &Value<f64> {
    type Output = Value<f64>;
    /// `-value`.
    fn neg(self) -> Value<f64> {
        unary("-", self.repr.clone())
    }
}

impl Not for Value<bool> {
    type Output = Value<bool>;
    /// `!value`.
    fn not(self) -> Value<bool> {
        unary("!", self.repr)
    }
}

impl Not for &Value<bool> {
    type Output = Value<bool>;
    /// `!value`.
    fn not(self) -> Value<bool> {
        unary("!", self.repr.clone())
    }
}

impl Value<f64> {
    /// `(self > other)`.
    pub fn gt(&self, other: impl Into<Value<f64>>) -> Value<bool> {
        binary(">", self.repr.clone(), other.into().repr)
    }

    /// `(self >= other)`.
    pub fn ge(&self, other: impl Into<Value<f64>>) -> Value<bool> {
        binary(">=", self.repr.clone(), other.into().repr)
    }

    /// `(self < other)`.
    pub fn lt(&self, other: impl Into<Value<f64>>) -> Value<bool> {
        binary("<", self.repr.clone(), other.into().repr)
    }

    /// `(self <= other)`.
    pub fn le(&self, other: impl Into<Value<f64>>) -> Value<bool> {
        binary("<=", self.repr.clone(), other.into().repr)
    }
}

impl<T> Value<T> {
    /// `(self == other)`. Values of different types are never equal in Terraform, so `other` has
    /// this value's type. A literal `0`, `false` or `""` is written (cdktf drops it).
    pub fn eq(&self, other: impl Into<Value<T>>) -> Value<bool> {
        binary("==", self.repr.clone(), other.into().repr)
    }

    /// `(self != other)`.
    pub fn ne(&self, other: impl Into<Value<T>>) -> Value<bool> {
        binary("!=", self.repr.clone(), other.into().repr)
    }
}

impl Value<bool> {
    /// `(self && other)`.
    pub fn and(&self, other: impl Into<Value<bool>>) -> Value<bool> {
        binary("&&", self.repr.clone(), other.into().repr)
    }

    /// `(self || other)`.
    pub fn or(&self, other: impl Into<Value<bool>>) -> Value<bool> {
        binary("||", self.repr.clone(), other.into().repr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::test_text as text;

    #[test]
    fn arithmetic_reads_naturally() {
        let x: Value<f64> = Expression::raw("var.x").into();
        assert_eq!(text(&x + 1), "${(var.x + 1)}");
        assert_eq!(text(1 - &x), "${(1 - var.x)}");
        assert_eq!(text(2.5 * x.clone()), "${(2.5 * var.x)}");
        assert_eq!(text(&x / &x % 3), "${((var.x / var.x) % 3)}");
        assert_eq!(text(-(-&x)), "${--var.x}");
    }

    #[test]
    fn falsy_literals_are_written() {
        let x: Value<f64> = Expression::raw("var.x").into();
        assert_eq!(text(x.eq(0)), "${(var.x == 0)}");
        let s: Value<String> = Expression::raw("var.s").into();
        assert_eq!(text(s.ne("")), r#"${(var.s != "")}"#);
        let b: Value<bool> = Expression::raw("var.b").into();
        assert_eq!(
            text(!b.eq(false).or(b.clone())),
            "${!((var.b == false) || var.b)}"
        );
    }
}

import MonoCloudCrypto

/// RSA: raw PKCS#1 v1.5 / PSS verification of a 300-byte message (hashing included) and
/// PKCS#1 v1.5 signing. Keys were generated once with `openssl genpkey -algorithm RSA`.
func rsaBenchmarks() -> [Benchmark] {
  [
    Benchmark(name: "rs256-2048", openssl: .rsaVerify(bits: 2048)) { rsaVerification(rsaKey2048, pss: false) },
    Benchmark(name: "rs256-3072", openssl: .rsaVerify(bits: 3072)) { rsaVerification(rsaKey3072, pss: false) },
    Benchmark(name: "rs256-4096", openssl: .rsaVerify(bits: 4096)) { rsaVerification(rsaKey4096, pss: false) },
    Benchmark(name: "ps256-2048", openssl: .rsaVerify(bits: 2048)) { rsaVerification(rsaKey2048, pss: true) },
    Benchmark(name: "rs256-2048-sign", openssl: .rsaSign(bits: 2048)) {
      let key = try! RSAPrivateKey(pemEncoded: rsaKey2048)
      let message = [UInt8](repeating: 0x61, count: 300)
      return { (try? key.pkcs1v15Signature(for: message, hash: .sha256))?.count == 256 }
    },
  ]
}

/// Signs a 300-byte message once, then verifies it with the public key on every call.
private func rsaVerification(_ pem: String, pss: Bool) -> () -> Bool {
  let key = try! RSAPrivateKey(pemEncoded: pem)
  let message = [UInt8](repeating: 0x61, count: 300)
  let signature =
    pss ? try! key.pssSignature(for: message, hash: .sha256) : try! key.pkcs1v15Signature(for: message, hash: .sha256)
  let publicKey = key.publicKey
  return {
    signature.withUnsafeBytes { s in
      message.withUnsafeBytes { m in
        pss
          ? publicKey.isValidPSSSignature(s, for: m, hash: .sha256, saltLength: 32)
          : publicKey.isValidPKCS1v15Signature(s, for: m, hash: .sha256)
      }
    }
  }
}

private let rsaKey2048 = """
  -----BEGIN PRIVATE KEY-----
  MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCwx1NsdL3NQ1Tt
  kcrQqMxVD/vgos+BiN7QX7KO8cdBuqCUrFm4ynwfanPIR1/8Iix65/h1gdrQxQI6
  Nr7uQV6dj3X99KZInVDO6FL3eltjIWtdMLENZztLY4dttG84STqQF6NbEUqpcJW+
  sutn8vXbFgZ9JNR9FeZkNNUiMEa3R8dFEAI64l2LuRkgBOypQKn211GSzY8lOEL3
  40oIBbaQkVru3R9yTiAH9WzBMMXNB+Yp/fDsp2/JVAe6vJKAtCCtxzxxkqA114I9
  mnfNXmk9MUn3FYf/MSClATbsCapyAAPbq7Zt/P2sviT5riLEcSyUrse9l4+JHVs3
  MX/L1uTxAgMBAAECgf8nJpAzQpVGgGeKI4RVFnrhSZIV1x2CThJT07lOwWrtcWMV
  00ywLgNquuQpjcm4yMZ1qLyHJSRMWDDGGFCnoUlzEoTvNN+Mh7hriDYg2Pzte/3Y
  4SIL9d6eM6gqqEbCor5Q/X196SQtonPQsUZDsY/dAz8spcAOKrSgPLfAVgwuuIHA
  x6AIUF+xAdrT9INVBtWseNY1Hr0/33nRGLPdCRQo/0DDDbdvC7YSIt4uCNN3DfaA
  JUEXmrfj8trL81cVfgii+2HGeyiPV/LXxA5b5qeM5PfA4FrJoph99+n1eBvdy5UK
  S14k7RL7uwiNgt48BEM81Zg0wcbGEAcj2LFHy0ECgYEA2SHXEx5K9bc/Z5QrNN5R
  NrOhnlpFkkRa4krZ/IlNQP1ec0+7CgfufmGIMj9SEtkPr74ms5gQzYhCBZB1CapM
  J4izfoKpaS/5ERe94qKrBH2tEvcYmVMlGbROwekafwh1xnrjge2xfHNQePeSCOjQ
  eb+WmbDlACTocjQpHs3FZtECgYEA0GxE2lm993z28ehN5efxri9cWu1BrVI1IjfL
  2xnTaK2LgZWGUsBZp7w9nGqbBipJ+WCgoZvbyGpnvX1SH8g+9zEZyTBGevhQagRm
  RWywRMvfunwi0wBFUUVkRHpkLiulZwAZfhIeLBXI3pLhhI0M1iEDVCqOWwFGVdWP
  dupLZCECgYEAl2ZaMlGAER8qTc3p5p5R4KOWQPVO53NUL8/jeYw/Wt6QejURBSiM
  qoDVV7wBPXUu0+rxz25r4PRunLSidw/QtAxEpCT1fYvezoVQePPV7Xa4NK4o79gi
  2W55MAqa2BMNFE1hz5nulQlPBloR8LZtj0cA+r92nggeMGugdIMkbtECgYEAneH2
  QmWK5uht9JAiOk96n5VW47Yoc0/72gDkVwP4Rqp4LGCFUThOcibBkTScXI46XUNa
  SzHSyr33+e3uAQ9iy0QRoXsFWO+zkqvkgSC1YlgCEbUpeCcTW14yd0EzlFoRwLWt
  mffFjWWvNROU7CEhIS/+4ooeLkgH7MuLEuym0aECgYEAz2TV23JSja2q32779Jaw
  vOELWK331qanKckUBitnWzLxcd6XzgPqY8M+Y8TURvDr+rHMgD56Y/1tgA+Tc82U
  9xLA2Qd6D120OGULEQ3rS1GpzSh+wQQcLKhEUJrT1FZFvDxpTPa8AejHAZPSNixs
  vQ1YzkK2ne/dnKJIu8TgBAw=
  -----END PRIVATE KEY-----
  """

private let rsaKey3072 = """
  -----BEGIN PRIVATE KEY-----
  MIIG/QIBADANBgkqhkiG9w0BAQEFAASCBucwggbjAgEAAoIBgQDq2r3P9H92g2A9
  cPDt5u8sOJXlT1u90R7WZkJXmyk+11qdLijQ9wxtDBYsqbqCYKnbrkX9HB4JjLEu
  RKhNeEnWSTzM31RkonkofkV0HrKA8OSINOqcBulXP0xrfxeYykgdFTJtC4zRjvxl
  9owyuBBIQJiwSWIrR+WhF03C/SpvOTy0GtRgOU0zfQZPh13KvrQekogUO3pn1V12
  ULmPpPHKDZU3hoCvS7ONILAaD/8tEIHz81xFXx73RNzBoM3DFQ8fltdFbtC8l18/
  HRr1HaknMIMJXqyR+ksM19Ez7ObqtUsaMmJ9Ag+qZZ8lGoLCLoDRE5OM1KIRUa+9
  lrN6Vv0Qkp8hb0sB/9oUGibV0h+P77xLVkXa7XfXqP9STD183y4QCPTKjGoe5gY+
  iARU9IeBOCtXAdy38VUc8scQpaxHa8Og9IS2bRbQkN4OvlhTHAqGEOcq3Ji2hKCN
  BywfnTr8oLMCLzTXzdmDOaevAsg0uPrb+NW220HP/ofpiyNf9EkCAwEAAQKCAYAc
  WEu17FKw9VC5gabWc7uUmPzAaRhPu8xOwJdLtwKensPFOjO7asHBbIbFm7OStkNx
  6+HvF0RpzyT4SlmMxhKVThAMQv0Oy0w3rqvHxMezB7/xT3+sVqo1eUKKK9PngSx8
  dBk6r3zusuT0EnJf0bbHXaKADk9OnXYRv/wG52LGe0BAFYfh2DCg4PtQwGv5wxP+
  p51MYdRXcVk/JSWMOHJlOkfy5GUmIwsX4qTWdG1OHVKt5IaTqdQVMGa7aOLEo4cN
  Twv2D8mmbfHs/Wzimuo1z2PhiI0V8nzRI68jMhTJ4gOMkR+2NkwII/FZOy2dF6mz
  7XdFlkVUXvcalVe3JitA9m6d3KvyUZW9n51/hzDLYKsw3/RXmYX9GRuMABaAMMmE
  oZD8T6lMhRylSKsEvTvsbO0bB4zCU4D+yc1cx25p9AADl+xwVGEK8AAAwcIJlV7B
  e4nuMibkPhxGAhD8PtJmAsg9MQqsotRCtQIyu65NJVHA2vrAK9Sf5w5wgC3kg90C
  gcEA9hh0+bGYmiYAQT/czkmPULoFBCDrLPlEKm2ftTXXWbCqiaX7ZFdBXUMl1MEV
  9qPoxNUszTcWj5Tujlc8vWKAjHh+iI/JdIH44UsCBBo9lA3TMwnMulKOxTvoUns3
  vRGovpfGeAa+OkFwJWiPLpyDDFZZSqnwfIr6MTWDfnlynS3oMlIOy6xWj3lyqcWq
  PkUeqayS9gclfeKQaf/iVlwXJNq/RamruWdG93+rYZcO3teK7Veo1tEsX7NDfmSA
  L5stAoHBAPROd33S/oBdBKFemiP0WcSLpyJ+T9mEHP5pHcfJ11dh10iJ3oVXRY14
  IOclSB3cd9dzZqAbSUA0YH4AhzyKxNTlQ7IZtnx1Y9d0hpC5GBaNcYVEcpqiUbZq
  xWMbuq1rDzAm3/yOPqF2wpI5Fs73TA0Xj9B+zNVzBATm0vAQA0d3UHxVzYNaLpW1
  bY34NZM0PDQ4p69CoYfxl3nQCHip2DgWA+t5bWRsKKVd/aND3X4v/ZrUKcFQbYdp
  vG0zx/k/DQKBwC5TgkmyzehOuQOPcxB+NnVa3zDcxYisz9Ew27ywCv7+S8wnq8BC
  0LIuvsNjKbBJQLs06f8jnKKgxZuT/oIkNdC7qg4pCyJciS5YAWQmUGs7gwN7l8eH
  XQrx8RT9zwtPdLWUOq9DjbHHucXA/hsnKWA8LQjqHrRDMT/sM/muAQ5nous+GTzs
  D0to8FXXOOoJ9vC35N5dkAg3izn5CnF5Wn38k78YZpQ7Rde3d9qiJhF6/9MYCleN
  /s1xIIZ9gsfzbQKBwDmUPMlk7yKlya+WslGDB50xJOUWTA+B+atkbuZlheFMaAbq
  p41ZskTTaT3RJZwUGBKpWiimBa+iKJPJ4BW+xwE+P6Q8NyxCJpPjHMwDM9As6fJ0
  3WXgl82cgIUJRggVUXER2HyXsd8wNE9uMRf6ZOw4/2YuXGx6PRpCpLh7raosTsXf
  Gx64JH6YUgfB1i6pgv7z02GVHKkDoaXOCBEYRqOBXM8kwUmHzFSdQGg4WH2jJexV
  0LmFESt3GjfKmnj+CQKBwQDKNq/DG7pdkol0TuIzfeGSgBljy5OvRh9TECeLRvR3
  JL4EvqPRr69c4eb6wmbUPMOZzFbwu4GtMiGKIcSwv/JMcdOPQ9JA2UzXREaLbH6Y
  yTjZONgdpjxNB4qfdgN58O9E9tSfopjwCuos4P//W+KxVtkwwgAifCoQvHSopjBf
  XMcY6oKCwKMvrkJ7RSTYq/nQuMKJS4FsiIlWZMKSYU5LmUmZes2DXy/LxcFO/UkJ
  QTjsbSIgCV8SFoR9Fj+Vq8E=
  -----END PRIVATE KEY-----
  """

private let rsaKey4096 = """
  -----BEGIN PRIVATE KEY-----
  MIIJQgIBADANBgkqhkiG9w0BAQEFAASCCSwwggkoAgEAAoICAQDR76szgM3dO71p
  JMdDbOAh/JYfqUcnZs+S25Vl/a9q2uocFA4Z1ys0C+K4WOn2lUlbywOIV36YMQSk
  7nRjEXFnuKXROQG8zDmwEXUj/OvxupWmQ4ET7XOpTFQA3AYFC9idO534GDGA0ZS0
  YhTvQPG/k9dxAr6z2n7GvEsegZI/sanFVBI9v3JDxoxRfTgFj7DGj5a1QNK+38im
  dRT4wBYwQrPcXx8eQkgWlM9sf9kXWXQfv0TUh4I8XVUoEPXCZUK1dIXqAQfSpgkm
  64LxRXe6e+VW5+9Oy+XC1Dk9ayGVRMViJZI4qaOQdargOa1MZlDpiX0vye+THZr8
  jBgwdfZWotkZvNefER7PtoUtgjITPERZb4mW4lhk09vuRdueB/6ZkftEzMu3596U
  cTqC80c7G+iIRk2izP0iMKQLD+MOxvpxN/p+pFCq639IbU4qhy7855ACRsi8tAgH
  xOTT1LCfB8dUhhkF9Ch6rzAwfci2zwL6R6t0yYmIk1Dl48u/yE0O74Vfx7kTSG8A
  Tb9XkPmLplus2Wb7fZPoZD80bhYEN5OhL4sJ0gx5NxIyS4zMweC1if2vaQ/ygZy0
  sfKrJz3Gp53/9JhKUfmRlIA0xF5QEwnyzKY4FDHmHtOq7lqSKs7o13GBRdfw0A4T
  UJn/ga/V4WuxA2NpaetI/FlD0Xdh3wIDAQABAoICABScnef8HPo8K9Afcsr9bRIZ
  LRolsh09vGKUWZo+apMotDSWiX3jANRm2Fc2L55ssNuo1otz37OMmIKjAN1bMJG4
  8NrWaIPDX2SYijJC2l2M7rV4yjsNJL56BoNhFtw2+gkR+eQKaA3YRevh92E4NKQV
  HWF0ngmlia30fcGcgiHrzRnZM8NJQSxDWbKEg1QUdAxCu87G8woXialCNJFptqP9
  YJBh7Hm5kz9YU/c4pDVlLIATdOwS8+f+V+aLp71y2LZdHurHOB/n+l0OYXhT1DoE
  gRNjyTyoy0GyOX58vrrbmi+VNcKHcU41J1ZFg2zNXONZAugGwRVmIjnqfVOAuXNB
  kgKD8IqNh6QD2yQSIVtkGbEGiPv5szaT7jejB1qA6dH8w6JzYQ8rIuKBSZ++mkjU
  PuHD0YCvm0z5xGjh3vTRY5apxmGyxArjcJjB/s1fx+ntd2wwEM/kyrdYjjRsaV2Q
  zvdudF8u3aa6iwcU8MlOL1fDC2NJ9byRsHlqhmVqbxf1LtLpCsadI4A/fgC9VL6C
  pviyY5ALo8UJW+IXVuzXBcCj++J2OsHeczNHMJcMauB3093kvsSsUDJfu00BoGxk
  qZOJ512BNIF8PY2iQ9xQeI7xL88gWmc2BJfy3YO+HcaOrdfgXlHYcQ7Hpwec+oJ9
  78ltRJwmuePU3+OlC/TRAoIBAQDxJfqr9SfdxUcb8s07NrYwmFyyifecrRNMlUqe
  ONeWmrJTTugRhi8tchMD8KtLtPZme8w0TMbJLUCFWd0rFwZzQ9r4iO10p7IKcMqo
  95i/R3od0FquauJhF+X0ADlOkCQ9naqik573F/rkXsun90989gep7GuSB9SZOMEA
  bWiIPQIgs5fsg9oadhWD+MHDSy1T08j+RoxxVLtE8PyvuW0DLRwiOyUhXAQqhGTO
  HzAju1opEzTvsll5V/RTxSSUAQhnbmbSPzpupS6gBVMXTKNVmfWje4vCwBk/EWMS
  927o12mMJkHzQvw3ngNqOKZhbqEkDcRv0UAxemUMcZu6oFLxAoIBAQDe3ZbIWnWG
  2hQxA7pcXpZ1Mx0ic4RZkwnKFYBgCssMJKDcYNc7Ct5RqprsLeRMH4eWQ6fZ71Vv
  nIj27Tbk3PQpceAOL/Y8TWE3poEBfHNSXc4ME7w5dU7aBoGHd34cyH6uh8lh0/4+
  YQV2wsSKY8335AKxrD50tzaitCOTRI/pXqF5tP39ZWrV18KqLRBAAWg7rLzKyM8K
  0mVGQj6JvqKLr63IcTxaYsCNwTJPlKHFCgx5ydhxbAX2OyLCpjSjxV2q/cxwO12l
  YhXH+nV3dVCBAh/nWfc1PEQskplb+b3W0tkNVPkDXG586PYme3oHPp8CTdswICOO
  u/GIg2+i12HPAoIBAGOYVvZMMyHhx2OgnOiWyRo64xYN60k3JiBcDExal5eo3nuP
  vEL4k2WGlpnq/SQwYg+jk4wKJZOS7/HjUnfoc46JeNdq3f9u/xZWzSyJzfk6ERJd
  KgadOE/3ac6jhQeQepdEFeQ9acsNiV5mVGBTwO2QQ0wHy8mtGD4L9ZIynZie8dEF
  u3pAXoTNPkeaJpR86QSVFI8IHhr0br+jdAkzYPWN3O+6U7R6Z3IT6fpDYUNwrmUG
  fLd+hnuaOtuaMWg7IPhu3WJ6IKzv5djLOi0GRvMkuhHCBc/yPLsSeEOuE41w4jOy
  3UwV30stJKXrLbRR15WnZfj0iDmnHjLMfQ/QBVECggEBAIAKJtqsveDf4cHXNnZj
  EWX8G7zzSRJ9W55yg/KpwMYVNSXnrUAKmneo4KDYLNVfN/KopAKdciRRdo8G8gbC
  urQk7Gi6PWmfuz7RtkQ4T7j+k6Z0oCsSrl6sZjaB/D5lIgL7mENQHD2SWCVG+MvZ
  UzgcE0AoiSldKVKI0/eD6HpXF8ZoqZOvdJWvA/PpN/DN3iiKsVx/yhOZlP2siWlx
  0MkYAWurQtVa7u2CFXmLFvWxNEG0KVngifxRNUNHYe7FMW9PqOjB8qdVltXxmxMq
  nzm/Er1D/rbjDPfesaUZ8ms9b94s93Nq4z94SBML1avb2lbkjA02KbeTWsznVnfj
  7hkCggEAEnoh1l2sxskOEEx+Z/nfWCWqB1WEyDI+cK4++pRqhfjXO/xLhujykXdY
  0hktBjnvGwAqydotYEJ7vC2IloVoGo06j7tnge04+kK8/hJGYpV4ub+KGxeA+fyW
  diy9cYOhuC5BKh9gx5xDxUCzRkAfSqBpzOjtgoY7tCNrOdgZ9yxfyE6NHHVC2qpe
  wC/40xLvWT8GGOyLfo8Lnm4Xop8jHlBFnfcrkutvJFLfM4wqnI3jvUcQPq98SWm5
  gCWL1qCkfw/srvOK+iRkSgqciLnJjrFR8YHkp6I7znxm9tSjd3Ib5PKpNtLsP37g
  kooQz8kuSabjGErP0EEkgIF13E0B1A==
  -----END PRIVATE KEY-----
  """

// 200 random layers (seed 1; 894 drawn, the rest crash MAESTRO at some point)
// written by experiments/maestro_reference/run_maestro.py --random 200 --seed 1
Network random_seed1 {
  Layer L2 {
    Type: GEMM
    Dimensions { M: 23, N: 158, K: 297 }
    Dataflow {
      SpatialMap(3,3) K;
      TemporalMap(3,3) M;
      TemporalMap(89,89) N;
      Cluster(12,P);
      TemporalMap(2,2) N;
      SpatialMap(3,3) M;
      TemporalMap(187,187) K;
    }
  }
  Layer L5 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 64, C: 1, R: 5, S: 5, Y: 8, X: 30 }
    Dataflow {
      TemporalMap(64,64) Y;
      TemporalMap(1,1) K;
      TemporalMap(2,1) X';
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) C;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L6 {
    Type: GEMM
    Dimensions { M: 70, N: 297, K: 283 }
    Dataflow {
      SpatialMap(2,2) K;
      TemporalMap(1,1) N;
      TemporalMap(1,1) M;
    }
  }
  Layer L12 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 32, C: 68, R: 1, S: 5, Y: 39, X: 12 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) Y';
      TemporalMap(Sz(S),1) X;
      TemporalMap(4,4) K;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(3,2) C;
    }
  }
  Layer L18 {
    Type: GEMM
    Dimensions { M: 72, N: 282, K: 84 }
    Dataflow {
      TemporalMap(1,1) K;
      SpatialMap(4,1) M;
      TemporalMap(1,1) N;
      Cluster(16,P);
      TemporalMap(16,16) M;
      TemporalMap(2,2) K;
      SpatialMap(2,2) N;
    }
  }
  Layer L19 {
    Type: NGCONV
    Stride { X: 2, Y: 2 }
    Dimensions { G: 8, K: 64, C: 32, R: 1, S: 1, Y: 27, X: 28 }
    Dataflow {
      SpatialMap(3,3) G;
      SpatialMap(3,1) X';
      TemporalMap(16,16) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(64,64) Y;
      TemporalMap(8,8) K;
    }
  }
  Layer L25 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 51, C: 64, R: 5, S: 5, Y: 14, X: 13 }
    Dataflow {
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(3,3) C;
      TemporalMap(8,1) X';
      TemporalMap(8,8) K;
    }
  }
  Layer L31 {
    Type: GEMM
    Dimensions { M: 85, N: 138, K: 269 }
    Dataflow {
      TemporalMap(4,4) M;
      TemporalMap(32,32) K;
      SpatialMap(3,3) N;
    }
  }
  Layer L32 {
    Type: GEMM
    Dimensions { M: 172, N: 75, K: 197 }
    Dataflow {
      SpatialMap(64,64) K;
      TemporalMap(16,16) M;
      SpatialMap(4,4) N;
    }
  }
  Layer L38 {
    Type: GEMM
    Dimensions { M: 85, N: 192, K: 27 }
    Dataflow {
      TemporalMap(64,64) M;
      SpatialMap(32,32) N;
      TemporalMap(3,3) K;
      Cluster(2,P);
      SpatialMap(1,1) M;
      TemporalMap(2,2) N;
    }
  }
  Layer L49 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 1, R: 5, S: 5, Y: 24, X: 7 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,3) C;
      SpatialMap(64,64) R;
      TemporalMap(3,3) Y;
      TemporalMap(4,4) X;
      TemporalMap(4,2) K;
    }
  }
  Layer L58 {
    Type: GEMM
    Dimensions { M: 58, N: 129, K: 28 }
    Dataflow {
      TemporalMap(3,3) M;
      TemporalMap(16,16) N;
      SpatialMap(1,1) K;
      Cluster(16,P);
      SpatialMap(16,16) K;
      TemporalMap(2,2) N;
      TemporalMap(8,8) M;
    }
  }
  Layer L68 {
    Type: GEMM
    Dimensions { M: 96, N: 138, K: 5 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(11,1) M;
      SpatialMap(2,2) N;
      Cluster(4,P);
      SpatialMap(1,1) M;
      TemporalMap(3,3) K;
      Cluster(14,P);
      TemporalMap(2,2) M;
      TemporalMap(32,32) N;
      SpatialMap(16,16) K;
    }
  }
  Layer L71 {
    Type: GEMM
    Dimensions { M: 37, N: 109, K: 175 }
    Dataflow {
      TemporalMap(64,64) K;
      SpatialMap(3,3) N;
      TemporalMap(1,1) M;
    }
  }
  Layer L74 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 8, R: 1, S: 1, Y: 20, X: 5 }
    Dataflow {
      TemporalMap(64,64) K;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(32,32) C;
      TemporalMap(2,2) X';
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L85 {
    Type: GEMM
    Dimensions { M: 193, N: 275, K: 15 }
    Dataflow {
      TemporalMap(1,1) K;
      SpatialMap(32,32) N;
      TemporalMap(32,5) M;
    }
  }
  Layer L93 {
    Type: GEMM
    Dimensions { M: 190, N: 204, K: 295 }
    Dataflow {
      SpatialMap(64,64) N;
      TemporalMap(64,64) K;
      TemporalMap(1,1) M;
    }
  }
  Layer L94 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 8, K: 52, C: 32, R: 1, S: 1, Y: 3, X: 5 }
    Dataflow {
      TemporalMap(2,2) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,4) G;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(16,16) C;
      TemporalMap(8,1) X';
    }
  }
  Layer L101 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 1, R: 1, S: 1, Y: 15, X: 24 }
    Dataflow {
      TemporalMap(1,1) X;
      TemporalMap(1,1) C;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(32,24) K;
      TemporalMap(3,1) Y';
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L106 {
    Type: GEMM
    Dimensions { M: 2, N: 178, K: 264 }
    Dataflow {
      SpatialMap(32,32) M;
      TemporalMap(3,2) K;
      TemporalMap(4,4) N;
      Cluster(2,P);
      TemporalMap(3,3) N;
      TemporalMap(1,1) M;
      SpatialMap(64,64) K;
    }
  }
  Layer L108 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 1, R: 5, S: 5, Y: 50, X: 12 }
    Dataflow {
      SpatialMap(16,16) S;
      TemporalMap(32,32) C;
      SpatialMap(Sz(S),1) X;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) K;
    }
  }
  Layer L117 {
    Type: GEMM
    Dimensions { M: 240, N: 124, K: 107 }
    Dataflow {
      SpatialMap(1,1) N;
      SpatialMap(2,2) M;
      TemporalMap(4,4) K;
    }
  }
  Layer L122 {
    Type: GEMM
    Dimensions { M: 71, N: 196, K: 137 }
    Dataflow {
      SpatialMap(4,4) N;
      TemporalMap(2,2) K;
      SpatialMap(32,32) M;
      Cluster(2,P);
      TemporalMap(8,8) N;
      TemporalMap(2,2) M;
      SpatialMap(1,1) K;
    }
  }
  Layer L128 {
    Type: GEMM
    Dimensions { M: 179, N: 142, K: 62 }
    Dataflow {
      SpatialMap(32,32) M;
      TemporalMap(1,1) K;
      TemporalMap(8,2) N;
      Cluster(16,P);
      SpatialMap(16,16) K;
      SpatialMap(64,64) N;
      TemporalMap(2,2) M;
      Cluster(2,P);
      SpatialMap(16,9) N;
      TemporalMap(16,16) M;
      TemporalMap(3,3) K;
    }
  }
  Layer L130 {
    Type: GEMM
    Dimensions { M: 35, N: 7, K: 233 }
    Dataflow {
      TemporalMap(1,1) M;
      SpatialMap(8,8) K;
      TemporalMap(2,2) N;
      Cluster(2,P);
      TemporalMap(4,4) K;
      TemporalMap(4,4) M;
      SpatialMap(32,32) N;
    }
  }
  Layer L131 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 100, C: 1, R: 1, S: 1, Y: 1, X: 4 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      SpatialMap(1,1) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(32,32) K;
      TemporalMap(4,4) X';
      TemporalMap(Sz(R),Sz(R)) R;
      Cluster(4,P);
      TemporalMap(4,4) Y;
      TemporalMap(4,4) X';
      TemporalMap(4,2) C;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L134 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 96, C: 1, R: 5, S: 5, Y: 21, X: 13 }
    Dataflow {
      TemporalMap(4,4) Y;
      TemporalMap(8,8) C;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) X';
      TemporalMap(4,4) K;
    }
  }
  Layer L145 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 16, R: 5, S: 5, Y: 16, X: 8 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) Y;
      SpatialMap(3,3) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L147 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 8, R: 1, S: 1, Y: 32, X: 8 }
    Dataflow {
      TemporalMap(2,2) K;
      SpatialMap(64,64) C;
      TemporalMap(3,3) Y;
      TemporalMap(32,32) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L151 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 2, K: 2, C: 32, R: 5, S: 5, Y: 16, X: 5 }
    Dataflow {
      TemporalMap(2,2) N;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(2,2) Y';
      TemporalMap(4,4) K;
      SpatialMap(4,4) C;
      TemporalMap(Sz(S),1) X;
    }
  }
  Layer L152 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 32, R: 1, S: 3, Y: 13, X: 7 }
    Dataflow {
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) X';
      SpatialMap(2,2) S;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(1,1) K;
      TemporalMap(8,8) C;
    }
  }
  Layer L155 {
    Type: GEMM
    Dimensions { M: 228, N: 100, K: 203 }
    Dataflow {
      SpatialMap(2,2) N;
      TemporalMap(1,1) M;
      TemporalMap(2,2) K;
    }
  }
  Layer L157 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 64, C: 64, R: 1, S: 1, Y: 8, X: 42 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(9,9) K;
      TemporalMap(2,2) C;
      SpatialMap(8,1) X';
    }
  }
  Layer L164 {
    Type: GEMM
    Dimensions { M: 189, N: 227, K: 111 }
    Dataflow {
      TemporalMap(2,2) K;
      SpatialMap(16,16) M;
      TemporalMap(8,8) N;
      Cluster(8,P);
      TemporalMap(16,16) M;
      TemporalMap(1,1) N;
      SpatialMap(3,3) K;
    }
  }
  Layer L167 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 64, C: 32, R: 3, S: 3, Y: 54, X: 20 }
    Dataflow {
      TemporalMap(3,3) C;
      TemporalMap(2,2) N;
      SpatialMap(1,1) R;
      TemporalMap(3,1) Y';
      TemporalMap(1,1) K;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(Sz(S),1) X;
    }
  }
  Layer L178 {
    Type: GEMM
    Dimensions { M: 53, N: 21, K: 24 }
    Dataflow {
      SpatialMap(8,8) M;
      TemporalMap(1,1) N;
      TemporalMap(2,2) K;
    }
  }
  Layer L181 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 2, C: 16, R: 3, S: 5, Y: 42, X: 16 }
    Dataflow {
      SpatialMap(Sz(S),1) X;
      TemporalMap(8,8) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(16,16) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) Y;
    }
  }
  Layer L186 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 106, R: 1, S: 1, Y: 7, X: 12 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      SpatialMap(4,4) C;
      TemporalMap(1,1) Y;
      TemporalMap(1,1) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(4,4) K;
    }
  }
  Layer L187 {
    Type: GEMM
    Dimensions { M: 59, N: 168, K: 94 }
    Dataflow {
      TemporalMap(19,6) K;
      SpatialMap(8,8) N;
      TemporalMap(3,3) M;
      Cluster(14,P);
      TemporalMap(1,1) K;
      SpatialMap(32,32) N;
      Cluster(2,P);
      SpatialMap(8,8) M;
      SpatialMap(64,27) K;
      TemporalMap(1,1) N;
    }
  }
  Layer L190 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 32, K: 8, C: 12, R: 5, S: 5, Y: 7, X: 6 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
      SpatialMap(3,3) R;
      TemporalMap(1,1) G;
      TemporalMap(16,16) C;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(1,1) K;
    }
  }
  Layer L203 {
    Type: GEMM
    Dimensions { M: 28, N: 188, K: 200 }
    Dataflow {
      TemporalMap(2,2) K;
      SpatialMap(2,2) M;
      TemporalMap(1,1) N;
    }
  }
  Layer L218 {
    Type: GEMM
    Dimensions { M: 279, N: 54, K: 252 }
    Dataflow {
      TemporalMap(8,8) N;
      TemporalMap(2,2) K;
      SpatialMap(16,16) M;
      Cluster(16,P);
      TemporalMap(2,2) K;
      SpatialMap(1,1) M;
      TemporalMap(16,16) N;
    }
  }
  Layer L221 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 64, R: 5, S: 5, Y: 53, X: 6 }
    Dataflow {
      TemporalMap(64,21) C;
      TemporalMap(1,1) Y;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) X;
      TemporalMap(2,2) K;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L230 {
    Type: GEMM
    Dimensions { M: 35, N: 231, K: 75 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(2,1) M;
      SpatialMap(32,32) N;
    }
  }
  Layer L235 {
    Type: GEMM
    Dimensions { M: 151, N: 59, K: 196 }
    Dataflow {
      SpatialMap(3,3) K;
      TemporalMap(97,97) M;
      TemporalMap(3,3) N;
    }
  }
  Layer L237 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 1, C: 48, R: 1, S: 1, Y: 21, X: 16 }
    Dataflow {
      TemporalMap(1,1) Y';
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) K;
      SpatialMap(1,1) X';
      TemporalMap(3,3) C;
      TemporalMap(16,16) N;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L244 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 3, C: 8, R: 7, S: 7, Y: 7, X: 36 }
    Dataflow {
      TemporalMap(1,1) C;
      TemporalMap(8,8) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(1,1) X;
      TemporalMap(1,1) Y';
      Cluster(8,P);
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(16,2) K;
      SpatialMap(16,14) X;
      TemporalMap(3,3) C;
      Cluster(2,P);
      TemporalMap(4,4) C;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(64,64) K;
    }
  }
  Layer L250 {
    Type: GEMM
    Dimensions { M: 14, N: 66, K: 125 }
    Dataflow {
      SpatialMap(32,32) K;
      TemporalMap(32,32) M;
      TemporalMap(64,64) N;
    }
  }
  Layer L251 {
    Type: GEMM
    Dimensions { M: 178, N: 69, K: 191 }
    Dataflow {
      TemporalMap(8,8) M;
      SpatialMap(2,2) N;
      TemporalMap(32,32) K;
      Cluster(4,P);
      SpatialMap(2,2) N;
      TemporalMap(16,16) M;
      TemporalMap(3,3) K;
    }
  }
  Layer L256 {
    Type: GEMM
    Dimensions { M: 91, N: 113, K: 285 }
    Dataflow {
      SpatialMap(3,3) K;
      TemporalMap(4,4) M;
      TemporalMap(4,4) N;
    }
  }
  Layer L260 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 64, C: 16, R: 3, S: 1, Y: 43, X: 6 }
    Dataflow {
      TemporalMap(16,16) C;
      TemporalMap(2,2) X';
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(3,3) K;
      TemporalMap(2,4) Y';
    }
  }
  Layer L266 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 3, C: 64, R: 3, S: 3, Y: 16, X: 64 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      SpatialMap(4,4) K;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(23,23) C;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L267 {
    Type: GEMM
    Dimensions { M: 293, N: 245, K: 92 }
    Dataflow {
      SpatialMap(8,8) N;
      TemporalMap(16,16) M;
      TemporalMap(2,2) K;
      Cluster(3,P);
      TemporalMap(49,29) K;
      TemporalMap(64,64) M;
      SpatialMap(32,32) N;
    }
  }
  Layer L269 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 3, C: 3, R: 1, S: 3, Y: 27, X: 59 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(3,3) K;
      TemporalMap(1,1) R;
      SpatialMap(3,3) C;
      TemporalMap(3,4) X';
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L270 {
    Type: GEMM
    Dimensions { M: 59, N: 216, K: 51 }
    Dataflow {
      TemporalMap(64,64) K;
      SpatialMap(32,32) N;
      TemporalMap(24,24) M;
      Cluster(8,P);
      SpatialMap(2,2) K;
      TemporalMap(1,1) M;
      SpatialMap(64,64) N;
    }
  }
  Layer L272 {
    Type: GEMM
    Dimensions { M: 280, N: 212, K: 209 }
    Dataflow {
      TemporalMap(1,1) M;
      SpatialMap(1,1) N;
      TemporalMap(1,1) K;
      Cluster(4,P);
      TemporalMap(115,115) K;
      TemporalMap(64,53) N;
      SpatialMap(64,54) M;
      Cluster(8,P);
      TemporalMap(32,32) K;
      SpatialMap(32,32) M;
    }
  }
  Layer L277 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 64, C: 1, R: 7, S: 7, Y: 8, X: 43 }
    Dataflow {
      SpatialMap(4,4) C;
      TemporalMap(6,6) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(1,1) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      Cluster(9,P);
      TemporalMap(2,1) X';
      TemporalMap(16,16) K;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(4,4) C;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L280 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 45, C: 1, R: 3, S: 3, Y: 26, X: 4 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(32,32) K;
      SpatialMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) Y;
      TemporalMap(2,2) N;
      TemporalMap(8,8) C;
    }
  }
  Layer L284 {
    Type: GEMM
    Dimensions { M: 269, N: 263, K: 127 }
    Dataflow {
      TemporalMap(3,3) N;
      SpatialMap(8,8) K;
      TemporalMap(1,1) M;
    }
  }
  Layer L285 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 64, R: 5, S: 5, Y: 9, X: 46 }
    Dataflow {
      TemporalMap(4,4) K;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) X';
      TemporalMap(1,1) C;
      TemporalMap(4,4) Y';
    }
  }
  Layer L286 {
    Type: GEMM
    Dimensions { M: 241, N: 258, K: 220 }
    Dataflow {
      SpatialMap(1,1) N;
      TemporalMap(16,16) M;
      TemporalMap(1,1) K;
    }
  }
  Layer L292 {
    Type: GEMM
    Dimensions { M: 213, N: 85, K: 139 }
    Dataflow {
      SpatialMap(59,59) N;
      TemporalMap(3,3) K;
      TemporalMap(16,16) M;
      Cluster(8,P);
      SpatialMap(32,32) K;
      TemporalMap(8,8) N;
      TemporalMap(16,16) M;
    }
  }
  Layer L293 {
    Type: GEMM
    Dimensions { M: 115, N: 281, K: 85 }
    Dataflow {
      SpatialMap(32,32) M;
      TemporalMap(16,16) K;
      TemporalMap(8,8) N;
      Cluster(16,P);
      TemporalMap(8,8) N;
      TemporalMap(32,32) M;
      SpatialMap(1,1) K;
    }
  }
  Layer L296 {
    Type: GEMM
    Dimensions { M: 18, N: 207, K: 193 }
    Dataflow {
      SpatialMap(127,127) K;
      TemporalMap(1,1) M;
      TemporalMap(2,2) N;
      Cluster(4,P);
      TemporalMap(32,32) K;
      SpatialMap(32,32) N;
      TemporalMap(4,4) M;
    }
  }
  Layer L297 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 32, R: 1, S: 1, Y: 51, X: 7 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) K;
      SpatialMap(Sz(S),1) X;
      TemporalMap(3,3) C;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L307 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 8, C: 16, R: 5, S: 5, Y: 5, X: 6 }
    Dataflow {
      SpatialMap(4,4) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(3,4) X';
      TemporalMap(1,1) C;
    }
  }
  Layer L309 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 8, C: 32, R: 5, S: 5, Y: 13, X: 11 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(32,32) N;
      TemporalMap(1,1) Y';
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),1) X;
      SpatialMap(64,64) C;
      TemporalMap(64,44) K;
    }
  }
  Layer L317 {
    Type: GEMM
    Dimensions { M: 116, N: 202, K: 169 }
    Dataflow {
      TemporalMap(2,2) M;
      TemporalMap(3,3) N;
      SpatialMap(1,1) K;
      Cluster(16,P);
      SpatialMap(16,16) N;
    }
  }
  Layer L320 {
    Type: GEMM
    Dimensions { M: 127, N: 233, K: 138 }
    Dataflow {
      SpatialMap(32,32) K;
      TemporalMap(4,4) N;
      TemporalMap(2,2) M;
    }
  }
  Layer L325 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 3, K: 96, C: 8, R: 1, S: 1, Y: 46, X: 6 }
    Dataflow {
      TemporalMap(3,3) C;
      TemporalMap(2,2) N;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(3,3) X;
      TemporalMap(2,2) K;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(1,1) R;
    }
  }
  Layer L326 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 8, K: 96, C: 142, R: 1, S: 1, Y: 16, X: 9 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(131,131) C;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(2,2) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(2,4) X';
      TemporalMap(32,32) G;
    }
  }
  Layer L327 {
    Type: GEMM
    Dimensions { M: 37, N: 125, K: 294 }
    Dataflow {
      TemporalMap(1,1) K;
      SpatialMap(1,1) M;
      TemporalMap(2,2) N;
    }
  }
  Layer L328 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 1, R: 1, S: 1, Y: 9, X: 19 }
    Dataflow {
      TemporalMap(64,64) C;
      TemporalMap(32,32) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(16,15) Y;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),1) X;
      Cluster(4,P);
      TemporalMap(4,4) C;
      TemporalMap(32,32) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(2,2) K;
    }
  }
  Layer L338 {
    Type: GEMM
    Dimensions { M: 123, N: 240, K: 133 }
    Dataflow {
      TemporalMap(1,1) M;
      TemporalMap(64,64) K;
      SpatialMap(1,1) N;
      Cluster(4,P);
      SpatialMap(32,32) N;
      TemporalMap(8,8) M;
      TemporalMap(4,4) K;
    }
  }
  Layer L340 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 2, K: 32, C: 1, R: 3, S: 3, Y: 62, X: 8 }
    Dataflow {
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(49,49) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(32,32) G;
      TemporalMap(4,4) C;
      TemporalMap(16,11) K;
      TemporalMap(1,4) X';
    }
  }
  Layer L341 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 8, R: 7, S: 7, Y: 7, X: 7 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(64,17) K;
      TemporalMap(64,64) Y;
      TemporalMap(64,64) X;
      TemporalMap(2,2) C;
    }
  }
  Layer L342 {
    Type: GEMM
    Dimensions { M: 154, N: 243, K: 40 }
    Dataflow {
      TemporalMap(4,4) N;
      TemporalMap(64,64) M;
      SpatialMap(2,2) K;
    }
  }
  Layer L352 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 2, K: 8, C: 3, R: 3, S: 3, Y: 10, X: 14 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(7,7) K;
      TemporalMap(1,1) X';
      TemporalMap(1,1) C;
      TemporalMap(3,1) Y';
      SpatialMap(3,2) G;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L355 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 196, C: 3, R: 1, S: 1, Y: 2, X: 20 }
    Dataflow {
      SpatialMap(4,2) X;
      TemporalMap(4,4) G;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(16,16) C;
      TemporalMap(64,64) K;
    }
  }
  Layer L357 {
    Type: GEMM
    Dimensions { M: 52, N: 28, K: 43 }
    Dataflow {
      TemporalMap(1,1) N;
      TemporalMap(1,1) K;
      SpatialMap(4,4) M;
    }
  }
  Layer L362 {
    Type: GEMM
    Dimensions { M: 160, N: 96, K: 300 }
    Dataflow {
      TemporalMap(1,1) M;
      TemporalMap(3,3) N;
      SpatialMap(8,8) K;
    }
  }
  Layer L368 {
    Type: GEMM
    Dimensions { M: 110, N: 126, K: 192 }
    Dataflow {
      SpatialMap(85,85) K;
      TemporalMap(32,32) N;
      TemporalMap(1,1) M;
      Cluster(2,P);
      TemporalMap(2,2) K;
      SpatialMap(65,65) M;
      Cluster(4,P);
      TemporalMap(32,32) M;
      SpatialMap(1,1) K;
      TemporalMap(16,16) N;
    }
  }
  Layer L373 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 1, R: 1, S: 1, Y: 18, X: 3 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(4,2) C;
      TemporalMap(1,1) R;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(3,3) K;
    }
  }
  Layer L377 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 154, C: 32, R: 7, S: 7, Y: 34, X: 8 }
    Dataflow {
      TemporalMap(16,16) X;
      TemporalMap(64,64) K;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(3,1) Y';
      TemporalMap(14,14) C;
    }
  }
  Layer L379 {
    Type: GEMM
    Dimensions { M: 32, N: 149, K: 88 }
    Dataflow {
      SpatialMap(1,1) K;
      TemporalMap(140,140) N;
      TemporalMap(1,1) M;
      Cluster(12,P);
      SpatialMap(16,16) M;
      TemporalMap(8,2) N;
    }
  }
  Layer L384 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 32, K: 64, C: 1, R: 1, S: 1, Y: 50, X: 3 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),1) X;
      TemporalMap(4,4) Y;
      SpatialMap(4,4) K;
      TemporalMap(1,1) G;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) C;
    }
  }
  Layer L391 {
    Type: GEMM
    Dimensions { M: 236, N: 277, K: 165 }
    Dataflow {
      SpatialMap(3,3) K;
      TemporalMap(1,1) M;
      TemporalMap(150,150) N;
      Cluster(4,P);
      TemporalMap(4,1) N;
      SpatialMap(1,1) M;
      Cluster(16,P);
      TemporalMap(64,64) N;
      TemporalMap(8,8) M;
      SpatialMap(4,4) K;
    }
  }
  Layer L395 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 3, C: 16, R: 3, S: 3, Y: 21, X: 21 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(Sz(S),1) X;
      TemporalMap(1,1) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(64,64) C;
      TemporalMap(4,2) Y';
    }
  }
  Layer L397 {
    Type: GEMM
    Dimensions { M: 93, N: 99, K: 77 }
    Dataflow {
      SpatialMap(3,3) K;
      TemporalMap(1,1) M;
      TemporalMap(2,2) N;
    }
  }
  Layer L401 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 96, C: 64, R: 1, S: 1, Y: 4, X: 61 }
    Dataflow {
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(4,4) Y';
      TemporalMap(8,1) X';
      SpatialMap(8,8) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(64,64) K;
    }
  }
  Layer L403 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 1, R: 7, S: 7, Y: 27, X: 7 }
    Dataflow {
      SpatialMap(32,32) R;
      TemporalMap(16,16) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) C;
      TemporalMap(3,3) Y;
      TemporalMap(8,8) K;
    }
  }
  Layer L406 {
    Type: GEMM
    Dimensions { M: 112, N: 189, K: 22 }
    Dataflow {
      TemporalMap(36,36) M;
      TemporalMap(3,3) K;
      SpatialMap(2,2) N;
      Cluster(8,P);
      SpatialMap(16,5) K;
      TemporalMap(4,4) N;
      Cluster(2,P);
      SpatialMap(32,32) N;
      TemporalMap(2,2) K;
    }
  }
  Layer L409 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 163, C: 32, R: 1, S: 1, Y: 25, X: 24 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      SpatialMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) K;
      TemporalMap(64,64) C;
      TemporalMap(1,1) S;
    }
  }
  Layer L412 {
    Type: GEMM
    Dimensions { M: 236, N: 295, K: 39 }
    Dataflow {
      SpatialMap(64,64) M;
      TemporalMap(8,8) K;
      TemporalMap(32,32) N;
    }
  }
  Layer L414 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 64, C: 3, R: 7, S: 7, Y: 7, X: 8 }
    Dataflow {
      TemporalMap(2,2) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(4,1) Y';
      TemporalMap(64,64) K;
      SpatialMap(64,64) C;
    }
  }
  Layer L422 {
    Type: GEMM
    Dimensions { M: 244, N: 82, K: 216 }
    Dataflow {
      SpatialMap(1,1) K;
      SpatialMap(8,7) M;
      TemporalMap(32,32) N;
    }
  }
  Layer L426 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 32, R: 1, S: 1, Y: 2, X: 2 }
    Dataflow {
      TemporalMap(2,2) X';
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) K;
      TemporalMap(1,1) Y;
      TemporalMap(1,1) C;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L428 {
    Type: GEMM
    Dimensions { M: 228, N: 60, K: 36 }
    Dataflow {
      TemporalMap(32,32) K;
      SpatialMap(2,2) M;
      TemporalMap(1,1) N;
      Cluster(4,P);
      TemporalMap(1,1) M;
      TemporalMap(16,16) K;
      SpatialMap(8,8) N;
    }
  }
  Layer L430 {
    Type: GEMM
    Dimensions { M: 153, N: 151, K: 154 }
    Dataflow {
      TemporalMap(8,8) K;
      TemporalMap(1,1) N;
      SpatialMap(4,4) M;
      Cluster(16,P);
      SpatialMap(1,1) K;
      TemporalMap(16,16) N;
      TemporalMap(1,1) M;
    }
  }
  Layer L431 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 32, R: 7, S: 7, Y: 14, X: 8 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(1,4) Y';
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,8) C;
      SpatialMap(32,32) K;
    }
  }
  Layer L432 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 32, K: 8, C: 64, R: 1, S: 5, Y: 16, X: 9 }
    Dataflow {
      TemporalMap(3,3) X;
      SpatialMap(32,9) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(16,16) G;
      TemporalMap(32,32) C;
      TemporalMap(4,4) K;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L434 {
    Type: GEMM
    Dimensions { M: 164, N: 252, K: 189 }
    Dataflow {
      TemporalMap(32,32) K;
      TemporalMap(64,64) N;
      SpatialMap(64,64) M;
    }
  }
  Layer L435 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 3, K: 32, C: 32, R: 3, S: 5, Y: 51, X: 5 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,1) X';
      SpatialMap(1,1) N;
      TemporalMap(64,64) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(32,32) C;
    }
  }
  Layer L445 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 3, K: 8, C: 3, R: 1, S: 1, Y: 20, X: 1 }
    Dataflow {
      SpatialMap(4,4) C;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(4,4) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
      SpatialMap(1,1) N;
    }
  }
  Layer L457 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 8, R: 1, S: 1, Y: 16, X: 46 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(3,3) K;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(1,1) C;
      TemporalMap(1,1) R;
    }
  }
  Layer L459 {
    Type: GEMM
    Dimensions { M: 144, N: 200, K: 94 }
    Dataflow {
      SpatialMap(1,1) M;
      TemporalMap(64,64) K;
      TemporalMap(78,78) N;
      Cluster(2,P);
      TemporalMap(16,16) K;
      SpatialMap(8,8) N;
      TemporalMap(109,109) M;
    }
  }
  Layer L460 {
    Type: GEMM
    Dimensions { M: 279, N: 171, K: 252 }
    Dataflow {
      SpatialMap(1,1) K;
      TemporalMap(4,4) N;
      TemporalMap(3,3) M;
      Cluster(4,P);
      TemporalMap(16,16) M;
      SpatialMap(4,4) N;
      TemporalMap(64,10) K;
      Cluster(8,P);
      TemporalMap(1,1) M;
      TemporalMap(4,4) N;
      SpatialMap(1,1) K;
    }
  }
  Layer L462 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 2, K: 96, C: 16, R: 1, S: 1, Y: 5, X: 6 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(16,16) G;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) K;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(4,4) C;
    }
  }
  Layer L465 {
    Type: GEMM
    Dimensions { M: 284, N: 129, K: 170 }
    Dataflow {
      TemporalMap(64,64) N;
      SpatialMap(32,32) M;
      TemporalMap(32,32) K;
      Cluster(8,P);
      SpatialMap(1,1) N;
      SpatialMap(127,127) M;
    }
  }
  Layer L471 {
    Type: GEMM
    Dimensions { M: 42, N: 40, K: 50 }
    Dataflow {
      SpatialMap(18,5) K;
      TemporalMap(4,4) N;
      TemporalMap(64,64) M;
    }
  }
  Layer L472 {
    Type: GEMM
    Dimensions { M: 1, N: 144, K: 291 }
    Dataflow {
      SpatialMap(3,2) N;
      TemporalMap(3,3) K;
      TemporalMap(2,2) M;
      Cluster(4,P);
      SpatialMap(1,1) M;
      TemporalMap(16,16) K;
    }
  }
  Layer L480 {
    Type: GEMM
    Dimensions { M: 145, N: 154, K: 179 }
    Dataflow {
      TemporalMap(4,4) K;
      TemporalMap(8,8) M;
      SpatialMap(2,2) N;
    }
  }
  Layer L485 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 5, C: 3, R: 5, S: 5, Y: 14, X: 17 }
    Dataflow {
      TemporalMap(1,1) C;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) K;
      TemporalMap(1,1) Y';
      TemporalMap(Sz(S),1) X;
    }
  }
  Layer L495 {
    Type: GEMM
    Dimensions { M: 45, N: 240, K: 16 }
    Dataflow {
      TemporalMap(4,4) N;
      TemporalMap(1,1) K;
      SpatialMap(1,1) M;
    }
  }
  Layer L507 {
    Type: GEMM
    Dimensions { M: 161, N: 281, K: 223 }
    Dataflow {
      SpatialMap(1,1) N;
      TemporalMap(64,64) M;
      TemporalMap(4,4) K;
    }
  }
  Layer L508 {
    Type: GEMM
    Dimensions { M: 122, N: 55, K: 266 }
    Dataflow {
      TemporalMap(8,8) M;
      SpatialMap(1,1) K;
      TemporalMap(32,32) N;
    }
  }
  Layer L514 {
    Type: GEMM
    Dimensions { M: 70, N: 146, K: 143 }
    Dataflow {
      TemporalMap(8,8) M;
      SpatialMap(4,4) K;
      TemporalMap(16,16) N;
      Cluster(15,P);
      TemporalMap(16,16) N;
      TemporalMap(1,1) M;
      SpatialMap(86,86) K;
    }
  }
  Layer L519 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 3, R: 3, S: 3, Y: 4, X: 30 }
    Dataflow {
      TemporalMap(3,2) X';
      TemporalMap(1,1) C;
      TemporalMap(2,2) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L521 {
    Type: GEMM
    Dimensions { M: 263, N: 215, K: 217 }
    Dataflow {
      SpatialMap(3,3) N;
      TemporalMap(1,1) M;
      TemporalMap(3,3) K;
      Cluster(11,P);
      SpatialMap(8,8) K;
      TemporalMap(8,8) M;
      TemporalMap(32,32) N;
    }
  }
  Layer L526 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 64, R: 3, S: 3, Y: 11, X: 11 }
    Dataflow {
      SpatialMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) K;
      TemporalMap(16,16) C;
    }
  }
  Layer L529 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 3, R: 7, S: 7, Y: 7, X: 27 }
    Dataflow {
      TemporalMap(32,32) K;
      TemporalMap(16,16) C;
      TemporalMap(8,2) X';
      TemporalMap(3,3) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L530 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 32, R: 5, S: 5, Y: 28, X: 30 }
    Dataflow {
      SpatialMap(4,3) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) K;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(3,2) Y';
      TemporalMap(Sz(S),1) X;
      Cluster(8,P);
      TemporalMap(16,16) C;
      TemporalMap(1,1) Y';
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L536 {
    Type: GEMM
    Dimensions { M: 215, N: 125, K: 148 }
    Dataflow {
      SpatialMap(1,1) M;
      SpatialMap(1,1) N;
      TemporalMap(1,1) K;
    }
  }
  Layer L547 {
    Type: GEMM
    Dimensions { M: 145, N: 29, K: 65 }
    Dataflow {
      SpatialMap(42,42) M;
      TemporalMap(32,32) N;
      TemporalMap(4,4) K;
      Cluster(4,P);
      TemporalMap(2,2) M;
      SpatialMap(2,2) N;
    }
  }
  Layer L549 {
    Type: GEMM
    Dimensions { M: 13, N: 125, K: 83 }
    Dataflow {
      TemporalMap(16,16) N;
      SpatialMap(1,1) M;
      TemporalMap(4,4) K;
    }
  }
  Layer L550 {
    Type: GEMM
    Dimensions { M: 138, N: 235, K: 90 }
    Dataflow {
      TemporalMap(16,16) N;
      SpatialMap(4,4) M;
      TemporalMap(16,16) K;
      Cluster(8,P);
      TemporalMap(16,16) N;
      SpatialMap(8,8) K;
      SpatialMap(2,2) M;
    }
  }
  Layer L557 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 32, R: 7, S: 5, Y: 62, X: 12 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) C;
      TemporalMap(1,1) Y';
      TemporalMap(1,1) X';
      SpatialMap(32,32) K;
    }
  }
  Layer L559 {
    Type: GEMM
    Dimensions { M: 256, N: 216, K: 258 }
    Dataflow {
      SpatialMap(1,1) N;
      TemporalMap(1,1) K;
      TemporalMap(1,1) M;
      Cluster(15,P);
      TemporalMap(16,16) K;
      TemporalMap(1,1) N;
      SpatialMap(3,3) M;
    }
  }
  Layer L568 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 8, C: 32, R: 1, S: 1, Y: 32, X: 10 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) S;
      TemporalMap(8,4) Y';
      TemporalMap(3,1) C;
      TemporalMap(32,29) K;
      SpatialMap(Sz(S),1) X;
    }
  }
  Layer L572 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 3, K: 64, C: 1, R: 1, S: 1, Y: 6, X: 3 }
    Dataflow {
      TemporalMap(32,32) C;
      TemporalMap(1,1) K;
      TemporalMap(1,1) N;
      TemporalMap(1,1) R;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(Sz(R),1) Y;
    }
  }
  Layer L573 {
    Type: GEMM
    Dimensions { M: 46, N: 77, K: 211 }
    Dataflow {
      TemporalMap(1,1) M;
      TemporalMap(3,3) N;
      SpatialMap(20,20) K;
    }
  }
  Layer L576 {
    Type: GEMM
    Dimensions { M: 124, N: 205, K: 230 }
    Dataflow {
      SpatialMap(4,4) M;
      TemporalMap(32,5) K;
      TemporalMap(169,169) N;
      Cluster(2,P);
      SpatialMap(1,1) N;
      TemporalMap(2,2) M;
      Cluster(2,P);
      SpatialMap(51,51) N;
      TemporalMap(8,8) M;
      TemporalMap(32,32) K;
    }
  }
  Layer L578 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 2, K: 32, C: 16, R: 1, S: 5, Y: 2, X: 20 }
    Dataflow {
      TemporalMap(3,3) Y;
      TemporalMap(4,1) X';
      SpatialMap(4,4) S;
      TemporalMap(64,64) K;
      TemporalMap(16,16) N;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(16,6) C;
    }
  }
  Layer L579 {
    Type: GEMM
    Dimensions { M: 207, N: 44, K: 259 }
    Dataflow {
      SpatialMap(16,16) K;
      TemporalMap(64,64) N;
      TemporalMap(16,12) M;
      Cluster(8,P);
      SpatialMap(2,2) M;
      TemporalMap(4,2) K;
      TemporalMap(32,32) N;
    }
  }
  Layer L581 {
    Type: GEMM
    Dimensions { M: 273, N: 123, K: 68 }
    Dataflow {
      TemporalMap(8,8) M;
      SpatialMap(16,16) K;
      TemporalMap(1,1) N;
      Cluster(9,P);
      TemporalMap(3,3) K;
      TemporalMap(8,8) M;
      SpatialMap(64,64) N;
    }
  }
  Layer L583 {
    Type: GEMM
    Dimensions { M: 298, N: 200, K: 108 }
    Dataflow {
      TemporalMap(16,16) M;
      SpatialMap(64,64) N;
      TemporalMap(16,16) K;
      Cluster(4,P);
      SpatialMap(64,64) M;
      TemporalMap(16,16) K;
    }
  }
  Layer L589 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 8, K: 2, C: 1, R: 5, S: 5, Y: 14, X: 20 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(32,32) Y;
      TemporalMap(8,8) G;
      TemporalMap(1,1) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) C;
      SpatialMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L593 {
    Type: GEMM
    Dimensions { M: 80, N: 288, K: 12 }
    Dataflow {
      TemporalMap(32,32) N;
      TemporalMap(3,3) K;
      SpatialMap(1,1) M;
    }
  }
  Layer L595 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 16, C: 1, R: 1, S: 1, Y: 57, X: 7 }
    Dataflow {
      TemporalMap(1,1) N;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(4,4) X';
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(4,2) Y';
      TemporalMap(1,1) C;
      TemporalMap(4,4) K;
    }
  }
  Layer L599 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 32, R: 3, S: 3, Y: 7, X: 21 }
    Dataflow {
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) Y';
      TemporalMap(Sz(S),1) X;
      TemporalMap(64,64) K;
      TemporalMap(2,2) C;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L601 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 64, C: 1, R: 3, S: 3, Y: 7, X: 4 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(4,4) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L610 {
    Type: GEMM
    Dimensions { M: 146, N: 278, K: 75 }
    Dataflow {
      TemporalMap(64,64) K;
      SpatialMap(1,1) N;
      TemporalMap(32,32) M;
    }
  }
  Layer L613 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 16, R: 3, S: 3, Y: 3, X: 19 }
    Dataflow {
      TemporalMap(5,5) C;
      SpatialMap(32,32) S;
      TemporalMap(8,2) Y';
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) K;
    }
  }
  Layer L618 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 179, C: 16, R: 3, S: 5, Y: 9, X: 15 }
    Dataflow {
      TemporalMap(4,4) X';
      SpatialMap(1,1) R;
      TemporalMap(64,64) C;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(64,64) K;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L620 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 3, K: 1, C: 3, R: 1, S: 1, Y: 1, X: 6 }
    Dataflow {
      TemporalMap(32,32) K;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(8,8) R;
      TemporalMap(64,64) C;
      TemporalMap(8,8) N;
      TemporalMap(4,1) Y';
      TemporalMap(32,32) X;
    }
  }
  Layer L621 {
    Type: GEMM
    Dimensions { M: 219, N: 292, K: 170 }
    Dataflow {
      SpatialMap(4,4) N;
      TemporalMap(32,22) K;
      TemporalMap(2,2) M;
    }
  }
  Layer L622 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 64, C: 16, R: 5, S: 5, Y: 28, X: 15 }
    Dataflow {
      TemporalMap(1,1) K;
      SpatialMap(8,8) R;
      TemporalMap(2,2) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,1) Y';
    }
  }
  Layer L633 {
    Type: GEMM
    Dimensions { M: 235, N: 144, K: 121 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(1,1) N;
      SpatialMap(4,4) M;
      Cluster(2,P);
      SpatialMap(16,16) N;
      TemporalMap(3,3) M;
      Cluster(2,P);
      TemporalMap(4,4) N;
      SpatialMap(1,1) M;
      TemporalMap(1,1) K;
    }
  }
  Layer L645 {
    Type: GEMM
    Dimensions { M: 236, N: 208, K: 73 }
    Dataflow {
      TemporalMap(2,1) M;
      SpatialMap(9,9) K;
      TemporalMap(1,1) N;
      Cluster(6,P);
      TemporalMap(64,64) K;
      SpatialMap(3,3) N;
    }
  }
  Layer L649 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 2, C: 3, R: 5, S: 1, Y: 11, X: 14 }
    Dataflow {
      TemporalMap(64,64) G;
      TemporalMap(16,16) K;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(1,1) R;
      TemporalMap(1,1) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),1) Y;
      Cluster(2,P);
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
      TemporalMap(16,16) C;
      TemporalMap(4,4) G;
      TemporalMap(Sz(R),Sz(R)) R;
      Cluster(4,P);
      TemporalMap(16,2) G;
      SpatialMap(1,1) K;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(8,8) C;
    }
  }
  Layer L651 {
    Type: GEMM
    Dimensions { M: 203, N: 286, K: 103 }
    Dataflow {
      TemporalMap(32,4) N;
      SpatialMap(2,2) K;
      TemporalMap(64,64) M;
    }
  }
  Layer L653 {
    Type: GEMM
    Dimensions { M: 201, N: 115, K: 216 }
    Dataflow {
      TemporalMap(1,1) M;
      TemporalMap(90,90) N;
      SpatialMap(4,4) K;
    }
  }
  Layer L657 {
    Type: GEMM
    Dimensions { M: 147, N: 265, K: 225 }
    Dataflow {
      TemporalMap(64,64) K;
      TemporalMap(1,1) N;
      SpatialMap(32,32) M;
    }
  }
  Layer L667 {
    Type: GEMM
    Dimensions { M: 207, N: 220, K: 217 }
    Dataflow {
      SpatialMap(4,4) N;
      TemporalMap(32,10) M;
      TemporalMap(1,1) K;
    }
  }
  Layer L672 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 64, R: 5, S: 5, Y: 58, X: 6 }
    Dataflow {
      TemporalMap(2,2) Y';
      SpatialMap(1,1) R;
      TemporalMap(4,4) X';
      TemporalMap(64,64) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(3,3) K;
    }
  }
  Layer L682 {
    Type: GEMM
    Dimensions { M: 216, N: 248, K: 89 }
    Dataflow {
      SpatialMap(32,32) N;
      TemporalMap(48,48) K;
      TemporalMap(1,1) M;
      Cluster(13,P);
      SpatialMap(1,1) M;
      SpatialMap(3,3) K;
    }
  }
  Layer L684 {
    Type: GEMM
    Dimensions { M: 258, N: 86, K: 22 }
    Dataflow {
      TemporalMap(16,16) M;
      SpatialMap(4,4) N;
      SpatialMap(32,32) K;
    }
  }
  Layer L691 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 32, R: 3, S: 3, Y: 60, X: 8 }
    Dataflow {
      TemporalMap(2,2) Y;
      TemporalMap(4,4) K;
      SpatialMap(32,32) X;
      TemporalMap(3,3) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      Cluster(8,P);
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(64,64) C;
      SpatialMap(16,16) K;
      TemporalMap(2,1) Y';
      TemporalMap(Sz(S),1) X;
    }
  }
  Layer L698 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 8, R: 1, S: 1, Y: 5, X: 9 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(4,4) K;
      TemporalMap(1,1) X;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) C;
    }
  }
  Layer L704 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 64, C: 64, R: 1, S: 5, Y: 14, X: 49 }
    Dataflow {
      TemporalMap(1,1) X;
      SpatialMap(4,4) Y';
      TemporalMap(1,1) N;
      TemporalMap(64,64) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,8) C;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L711 {
    Type: GEMM
    Dimensions { M: 276, N: 175, K: 273 }
    Dataflow {
      TemporalMap(1,1) M;
      TemporalMap(21,21) N;
      SpatialMap(4,4) K;
      Cluster(8,P);
      SpatialMap(1,1) M;
      TemporalMap(64,64) K;
      TemporalMap(1,1) N;
    }
  }
  Layer L714 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 16, R: 1, S: 1, Y: 1, X: 1 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) Y;
      TemporalMap(1,1) C;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(Sz(S),1) X;
    }
  }
  Layer L716 {
    Type: GEMM
    Dimensions { M: 137, N: 142, K: 91 }
    Dataflow {
      SpatialMap(2,2) M;
      TemporalMap(4,1) N;
      SpatialMap(1,1) K;
    }
  }
  Layer L723 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 8, R: 1, S: 1, Y: 1, X: 17 }
    Dataflow {
      TemporalMap(2,1) Y';
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(2,2) C;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(8,2) X';
      TemporalMap(8,8) K;
    }
  }
  Layer L726 {
    Type: GEMM
    Dimensions { M: 285, N: 121, K: 218 }
    Dataflow {
      TemporalMap(16,16) M;
      SpatialMap(2,2) K;
      TemporalMap(16,4) N;
    }
  }
  Layer L727 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 64, C: 64, R: 3, S: 1, Y: 27, X: 30 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(2,2) Y;
      TemporalMap(1,1) C;
      TemporalMap(Sz(S),1) X;
      SpatialMap(3,3) K;
    }
  }
  Layer L728 {
    Type: GEMM
    Dimensions { M: 219, N: 103, K: 47 }
    Dataflow {
      TemporalMap(182,182) M;
      SpatialMap(64,64) K;
      TemporalMap(6,6) N;
      Cluster(4,P);
      SpatialMap(1,1) M;
      TemporalMap(32,32) N;
      SpatialMap(3,3) K;
    }
  }
  Layer L739 {
    Type: GEMM
    Dimensions { M: 276, N: 256, K: 124 }
    Dataflow {
      TemporalMap(8,8) M;
      TemporalMap(8,8) K;
      SpatialMap(208,208) N;
    }
  }
  Layer L740 {
    Type: GEMM
    Dimensions { M: 104, N: 19, K: 237 }
    Dataflow {
      TemporalMap(1,1) N;
      TemporalMap(2,2) K;
      SpatialMap(3,3) M;
    }
  }
  Layer L749 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 64, C: 32, R: 3, S: 3, Y: 15, X: 9 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(64,64) C;
      TemporalMap(64,64) K;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(8,2) X';
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L767 {
    Type: GEMM
    Dimensions { M: 62, N: 65, K: 271 }
    Dataflow {
      TemporalMap(1,1) M;
      TemporalMap(32,32) N;
      SpatialMap(98,98) K;
    }
  }
  Layer L776 {
    Type: GEMM
    Dimensions { M: 234, N: 171, K: 107 }
    Dataflow {
      TemporalMap(32,32) K;
      TemporalMap(3,2) N;
      SpatialMap(3,3) M;
      Cluster(4,P);
      TemporalMap(2,2) N;
      SpatialMap(2,2) M;
      TemporalMap(16,16) K;
    }
  }
  Layer L777 {
    Type: GEMM
    Dimensions { M: 252, N: 133, K: 299 }
    Dataflow {
      TemporalMap(8,8) M;
      SpatialMap(2,2) K;
      TemporalMap(1,1) N;
    }
  }
  Layer L778 {
    Type: GEMM
    Dimensions { M: 100, N: 194, K: 50 }
    Dataflow {
      TemporalMap(2,2) M;
      TemporalMap(1,1) N;
      SpatialMap(29,7) K;
      Cluster(2,P);
      TemporalMap(32,32) M;
      TemporalMap(64,64) N;
      SpatialMap(2,2) K;
    }
  }
  Layer L782 {
    Type: GEMM
    Dimensions { M: 52, N: 108, K: 55 }
    Dataflow {
      TemporalMap(41,41) K;
      TemporalMap(8,7) M;
      SpatialMap(32,8) N;
    }
  }
  Layer L785 {
    Type: NGCONV
    Stride { X: 2, Y: 2 }
    Dimensions { G: 8, K: 96, C: 64, R: 5, S: 3, Y: 5, X: 8 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(32,32) C;
      TemporalMap(1,1) G;
      SpatialMap(2,2) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(46,46) K;
      TemporalMap(2,1) X';
    }
  }
  Layer L786 {
    Type: GEMM
    Dimensions { M: 37, N: 245, K: 156 }
    Dataflow {
      TemporalMap(245,245) N;
      SpatialMap(1,1) M;
      TemporalMap(4,4) K;
      Cluster(12,P);
      TemporalMap(16,16) M;
      SpatialMap(1,1) K;
      TemporalMap(64,64) N;
    }
  }
  Layer L789 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 2, K: 64, C: 16, R: 3, S: 3, Y: 8, X: 12 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(1,1) N;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(64,64) K;
      TemporalMap(3,1) Y';
      TemporalMap(16,16) C;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L792 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 6, X: 14 }
    Dataflow {
      TemporalMap(4,4) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(28,24) K;
      SpatialMap(8,8) R;
      TemporalMap(4,1) Y';
      SpatialMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L798 {
    Type: GEMM
    Dimensions { M: 292, N: 223, K: 298 }
    Dataflow {
      SpatialMap(4,4) K;
      SpatialMap(32,6) M;
      TemporalMap(32,11) N;
    }
  }
  Layer L805 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 3, C: 1, R: 3, S: 3, Y: 8, X: 29 }
    Dataflow {
      SpatialMap(4,4) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) K;
      TemporalMap(64,64) X;
      TemporalMap(2,2) Y;
      Cluster(12,P);
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(8,8) S;
      TemporalMap(1,1) Y';
      TemporalMap(8,8) C;
      TemporalMap(3,3) K;
    }
  }
  Layer L807 {
    Type: GEMM
    Dimensions { M: 69, N: 221, K: 50 }
    Dataflow {
      TemporalMap(3,3) M;
      TemporalMap(23,23) K;
      SpatialMap(1,1) N;
      Cluster(2,P);
      SpatialMap(16,16) N;
      TemporalMap(4,3) K;
      SpatialMap(32,32) M;
    }
  }
  Layer L809 {
    Type: GEMM
    Dimensions { M: 265, N: 277, K: 231 }
    Dataflow {
      SpatialMap(4,4) N;
      TemporalMap(3,3) M;
      TemporalMap(3,1) K;
      Cluster(13,P);
      TemporalMap(64,64) N;
      TemporalMap(16,16) M;
      SpatialMap(4,4) K;
      Cluster(2,P);
      TemporalMap(4,4) N;
      SpatialMap(248,248) M;
      TemporalMap(1,1) K;
    }
  }
  Layer L811 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 1, R: 3, S: 3, Y: 3, X: 7 }
    Dataflow {
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(64,64) K;
      TemporalMap(8,2) X';
      TemporalMap(Sz(R),1) Y;
      SpatialMap(1,1) C;
    }
  }
  Layer L814 {
    Type: GEMM
    Dimensions { M: 100, N: 191, K: 27 }
    Dataflow {
      SpatialMap(16,16) M;
      TemporalMap(1,1) K;
      TemporalMap(2,2) N;
      Cluster(2,P);
      SpatialMap(1,1) N;
      TemporalMap(4,4) K;
      SpatialMap(1,1) M;
    }
  }
  Layer L815 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 8, R: 5, S: 5, Y: 44, X: 6 }
    Dataflow {
      SpatialMap(8,8) R;
      TemporalMap(2,2) C;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(4,4) K;
    }
  }
  Layer L824 {
    Type: GEMM
    Dimensions { M: 239, N: 196, K: 291 }
    Dataflow {
      TemporalMap(1,1) M;
      SpatialMap(8,8) K;
      TemporalMap(1,1) N;
      Cluster(8,P);
      SpatialMap(1,1) M;
      TemporalMap(4,4) K;
    }
  }
  Layer L831 {
    Type: GEMM
    Dimensions { M: 288, N: 237, K: 172 }
    Dataflow {
      SpatialMap(8,8) M;
      TemporalMap(3,3) N;
      TemporalMap(64,64) K;
      Cluster(16,P);
      TemporalMap(16,16) N;
      TemporalMap(1,1) M;
      SpatialMap(124,124) K;
    }
  }
  Layer L834 {
    Type: GEMM
    Dimensions { M: 211, N: 163, K: 51 }
    Dataflow {
      TemporalMap(64,58) N;
      TemporalMap(4,4) K;
      SpatialMap(8,8) M;
      Cluster(8,P);
      SpatialMap(16,16) N;
      TemporalMap(1,1) M;
      TemporalMap(32,23) K;
    }
  }
  Layer L837 {
    Type: GEMM
    Dimensions { M: 90, N: 267, K: 151 }
    Dataflow {
      TemporalMap(2,2) M;
      TemporalMap(120,120) N;
      SpatialMap(4,4) K;
      Cluster(16,P);
      SpatialMap(1,1) K;
      TemporalMap(183,183) N;
    }
  }
  Layer L843 {
    Type: GEMM
    Dimensions { M: 132, N: 147, K: 158 }
    Dataflow {
      TemporalMap(1,1) M;
      TemporalMap(1,1) K;
      SpatialMap(4,4) N;
      Cluster(2,P);
      TemporalMap(16,16) N;
      SpatialMap(64,64) M;
      TemporalMap(64,64) K;
    }
  }
  Layer L846 {
    Type: GEMM
    Dimensions { M: 297, N: 218, K: 186 }
    Dataflow {
      TemporalMap(4,4) K;
      TemporalMap(1,1) N;
      SpatialMap(4,4) M;
    }
  }
  Layer L856 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 2, K: 86, C: 8, R: 5, S: 5, Y: 29, X: 7 }
    Dataflow {
      SpatialMap(Sz(S),1) X;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(2,2) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) N;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,8) C;
    }
  }
  Layer L861 {
    Type: GEMM
    Dimensions { M: 126, N: 44, K: 94 }
    Dataflow {
      TemporalMap(1,1) K;
      SpatialMap(1,1) N;
      TemporalMap(3,3) M;
      Cluster(2,P);
      TemporalMap(2,2) M;
      TemporalMap(1,1) K;
      SpatialMap(16,16) N;
    }
  }
  Layer L876 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 64, C: 8, R: 1, S: 1, Y: 8, X: 33 }
    Dataflow {
      TemporalMap(3,3) N;
      TemporalMap(3,3) K;
      TemporalMap(8,8) X;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(32,5) C;
      TemporalMap(1,2) Y';
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L878 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 32, C: 1, R: 3, S: 3, Y: 19, X: 51 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(32,7) Y;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(3,3) K;
      TemporalMap(16,16) X;
      TemporalMap(1,1) N;
      TemporalMap(4,4) C;
    }
  }
  Layer L879 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 32, R: 3, S: 3, Y: 29, X: 4 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      TemporalMap(8,4) X';
      SpatialMap(3,3) K;
      TemporalMap(4,4) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L890 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 8, R: 1, S: 1, Y: 5, X: 16 }
    Dataflow {
      TemporalMap(1,1) X;
      TemporalMap(2,2) C;
      TemporalMap(1,1) Y;
      TemporalMap(1,1) K;
      SpatialMap(8,8) R;
      TemporalMap(Sz(S),Sz(S)) S;
      Cluster(8,P);
      TemporalMap(2,2) C;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(8,1) X;
      TemporalMap(2,2) K;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L891 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 32, R: 7, S: 7, Y: 11, X: 7 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(3,3) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
      TemporalMap(32,32) C;
      TemporalMap(32,32) Y;
    }
  }
  Layer L894 {
    Type: GEMM
    Dimensions { M: 271, N: 96, K: 165 }
    Dataflow {
      TemporalMap(204,204) M;
      TemporalMap(1,1) N;
      SpatialMap(8,8) K;
      Cluster(2,P);
      SpatialMap(3,3) M;
      TemporalMap(64,34) N;
    }
  }
}

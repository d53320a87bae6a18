// 300 random layers (seed 0; 1284 drawn, the rest crash MAESTRO at some point)
// written by experiments/maestro_reference/run_maestro.py --random 300 --seed 0
Network random_seed0 {
  Layer L4 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 8, K: 96, C: 64, R: 1, S: 1, Y: 13, X: 1 }
    Dataflow {
      TemporalMap(1,1) G;
      TemporalMap(1,1) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) X;
      TemporalMap(25,25) C;
      TemporalMap(16,16) K;
      SpatialMap(1,1) Y;
    }
  }
  Layer L14 {
    Type: GEMM
    Dimensions { M: 199, N: 120, K: 11 }
    Dataflow {
      TemporalMap(4,4) N;
      TemporalMap(8,8) M;
      SpatialMap(4,4) K;
    }
  }
  Layer L17 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 107, R: 1, S: 3, Y: 1, X: 30 }
    Dataflow {
      SpatialMap(Sz(S),1) X;
      TemporalMap(1,1) C;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(1,1) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) K;
    }
  }
  Layer L28 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 8, R: 1, S: 1, Y: 37, X: 5 }
    Dataflow {
      TemporalMap(1,1) X;
      SpatialMap(32,32) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(3,3) K;
      TemporalMap(8,8) Y;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L29 {
    Type: GEMM
    Dimensions { M: 56, N: 14, K: 270 }
    Dataflow {
      TemporalMap(4,4) M;
      SpatialMap(64,64) N;
      TemporalMap(32,32) K;
    }
  }
  Layer L33 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 3, K: 1, C: 16, R: 5, S: 5, Y: 8, X: 20 }
    Dataflow {
      TemporalMap(16,9) K;
      TemporalMap(1,1) N;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) Y;
      SpatialMap(1,1) C;
    }
  }
  Layer L43 {
    Type: GEMM
    Dimensions { M: 196, N: 116, K: 203 }
    Dataflow {
      TemporalMap(1,1) K;
      SpatialMap(64,64) N;
      TemporalMap(6,6) M;
    }
  }
  Layer L44 {
    Type: GEMM
    Dimensions { M: 122, N: 142, K: 21 }
    Dataflow {
      TemporalMap(1,1) M;
      SpatialMap(2,2) N;
      TemporalMap(16,16) K;
    }
  }
  Layer L50 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 169, R: 3, S: 3, Y: 8, X: 12 }
    Dataflow {
      TemporalMap(8,6) C;
      TemporalMap(1,1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(3,3) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,8) K;
    }
  }
  Layer L52 {
    Type: GEMM
    Dimensions { M: 79, N: 177, K: 125 }
    Dataflow {
      TemporalMap(3,3) N;
      SpatialMap(16,16) M;
      TemporalMap(60,60) K;
    }
  }
  Layer L53 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 96, C: 8, R: 7, S: 7, Y: 7, X: 27 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),1) X;
      SpatialMap(8,8) C;
      TemporalMap(16,16) Y;
      TemporalMap(1,1) K;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L59 {
    Type: GEMM
    Dimensions { M: 159, N: 195, K: 279 }
    Dataflow {
      SpatialMap(32,32) N;
      TemporalMap(16,16) M;
      TemporalMap(4,4) K;
    }
  }
  Layer L63 {
    Type: GEMM
    Dimensions { M: 46, N: 213, K: 258 }
    Dataflow {
      SpatialMap(6,3) M;
      TemporalMap(4,4) N;
      TemporalMap(4,4) K;
    }
  }
  Layer L64 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 32, R: 7, S: 1, Y: 8, X: 5 }
    Dataflow {
      TemporalMap(64,64) C;
      TemporalMap(1,1) K;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) X;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L65 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 32, C: 16, R: 1, S: 1, Y: 4, X: 37 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      SpatialMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(64,64) C;
      TemporalMap(16,6) K;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L72 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 16, R: 7, S: 7, Y: 7, X: 15 }
    Dataflow {
      TemporalMap(2,2) Y;
      TemporalMap(3,3) K;
      TemporalMap(1,1) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(Sz(S),1) X;
    }
  }
  Layer L76 {
    Type: GEMM
    Dimensions { M: 110, N: 14, K: 233 }
    Dataflow {
      TemporalMap(8,8) N;
      TemporalMap(56,56) M;
      SpatialMap(2,2) K;
    }
  }
  Layer L80 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 194, R: 3, S: 3, Y: 5, X: 28 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(32,32) Y;
      TemporalMap(3,3) C;
      TemporalMap(4,4) K;
    }
  }
  Layer L82 {
    Type: GEMM
    Dimensions { M: 265, N: 295, K: 213 }
    Dataflow {
      SpatialMap(1,1) K;
      TemporalMap(1,1) N;
      TemporalMap(2,2) M;
    }
  }
  Layer L85 {
    Type: GEMM
    Dimensions { M: 40, N: 148, K: 80 }
    Dataflow {
      TemporalMap(8,8) N;
      TemporalMap(10,10) M;
      SpatialMap(1,1) K;
    }
  }
  Layer L86 {
    Type: GEMM
    Dimensions { M: 275, N: 217, K: 92 }
    Dataflow {
      TemporalMap(1,1) K;
      SpatialMap(1,1) N;
      TemporalMap(64,64) M;
    }
  }
  Layer L89 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 96, C: 64, R: 1, S: 1, Y: 28, X: 25 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) K;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) G;
      TemporalMap(42,42) C;
    }
  }
  Layer L91 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 3, R: 3, S: 3, Y: 3, X: 27 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(1,1) K;
      TemporalMap(4,4) C;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L93 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 96, C: 161, R: 3, S: 3, Y: 59, X: 14 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) K;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
      TemporalMap(16,11) C;
    }
  }
  Layer L95 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 64, C: 98, R: 1, S: 1, Y: 10, X: 52 }
    Dataflow {
      TemporalMap(7,7) Y;
      TemporalMap(32,32) C;
      TemporalMap(16,16) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) R;
      SpatialMap(1,1) X;
    }
  }
  Layer L97 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 16, R: 1, S: 1, Y: 14, X: 9 }
    Dataflow {
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(32,32) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(1,1) R;
      TemporalMap(3,3) K;
    }
  }
  Layer L104 {
    Type: GEMM
    Dimensions { M: 297, N: 95, K: 13 }
    Dataflow {
      SpatialMap(16,16) M;
      TemporalMap(2,2) N;
      TemporalMap(2,2) K;
    }
  }
  Layer L109 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 32, R: 1, S: 5, Y: 30, X: 7 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(16,16) X;
      SpatialMap(1,1) C;
      TemporalMap(3,3) K;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L110 {
    Type: GEMM
    Dimensions { M: 176, N: 247, K: 259 }
    Dataflow {
      TemporalMap(5,5) M;
      SpatialMap(2,2) N;
      TemporalMap(64,64) K;
    }
  }
  Layer L117 {
    Type: GEMM
    Dimensions { M: 274, N: 71, K: 216 }
    Dataflow {
      TemporalMap(8,3) K;
      TemporalMap(1,1) M;
      SpatialMap(32,13) N;
    }
  }
  Layer L119 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 16, R: 1, S: 1, Y: 2, X: 3 }
    Dataflow {
      TemporalMap(32,32) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(1,1) K;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
    }
  }
  Layer L127 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 64, R: 5, S: 5, Y: 8, X: 23 }
    Dataflow {
      TemporalMap(4,4) Y;
      SpatialMap(32,32) R;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,8) K;
      TemporalMap(8,8) C;
    }
  }
  Layer L131 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 16, R: 5, S: 3, Y: 28, X: 3 }
    Dataflow {
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(32,32) C;
      TemporalMap(64,64) K;
      TemporalMap(16,16) Y;
    }
  }
  Layer L132 {
    Type: GEMM
    Dimensions { M: 158, N: 170, K: 8 }
    Dataflow {
      SpatialMap(1,1) M;
      TemporalMap(4,4) N;
      TemporalMap(5,2) K;
    }
  }
  Layer L134 {
    Type: GEMM
    Dimensions { M: 81, N: 125, K: 178 }
    Dataflow {
      TemporalMap(16,16) N;
      TemporalMap(97,97) K;
      SpatialMap(1,1) M;
    }
  }
  Layer L135 {
    Type: GEMM
    Dimensions { M: 129, N: 109, K: 91 }
    Dataflow {
      TemporalMap(64,64) K;
      TemporalMap(2,2) M;
      SpatialMap(16,16) N;
    }
  }
  Layer L137 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 2, C: 32, R: 3, S: 3, Y: 31, X: 3 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) C;
      TemporalMap(Sz(S),1) X;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(8,8) N;
      TemporalMap(8,8) K;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L148 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 125, R: 3, S: 3, Y: 4, X: 9 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) K;
      TemporalMap(Sz(S),1) X;
      SpatialMap(4,4) C;
    }
  }
  Layer L149 {
    Type: GEMM
    Dimensions { M: 234, N: 216, K: 171 }
    Dataflow {
      SpatialMap(64,64) N;
      TemporalMap(4,4) M;
      TemporalMap(16,16) K;
    }
  }
  Layer L155 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 186, C: 3, R: 1, S: 1, Y: 4, X: 14 }
    Dataflow {
      TemporalMap(4,4) C;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(16,16) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),1) X;
    }
  }
  Layer L156 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 2, K: 16, C: 16, R: 3, S: 3, Y: 21, X: 14 }
    Dataflow {
      TemporalMap(3,3) S;
      TemporalMap(32,32) C;
      SpatialMap(Sz(S),1) X;
      TemporalMap(3,3) R;
      TemporalMap(16,16) G;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(5,5) K;
    }
  }
  Layer L157 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 16, R: 7, S: 7, Y: 8, X: 8 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      TemporalMap(3,3) C;
      SpatialMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(64,64) K;
    }
  }
  Layer L175 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 21, R: 5, S: 5, Y: 18, X: 25 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(2,2) C;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L179 {
    Type: NGCONV
    Stride { X: 2, Y: 2 }
    Dimensions { G: 32, K: 96, C: 8, R: 3, S: 3, Y: 6, X: 14 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(4,4) C;
      TemporalMap(1,1) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(3,3) G;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L182 {
    Type: GEMM
    Dimensions { M: 53, N: 186, K: 218 }
    Dataflow {
      SpatialMap(105,105) N;
      TemporalMap(2,2) M;
      TemporalMap(64,64) K;
    }
  }
  Layer L183 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 16, R: 3, S: 3, Y: 5, X: 9 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      TemporalMap(1,1) C;
      SpatialMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) K;
    }
  }
  Layer L185 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 1, R: 5, S: 5, Y: 57, X: 12 }
    Dataflow {
      TemporalMap(64,64) K;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),1) X;
      TemporalMap(1,1) C;
      TemporalMap(4,4) Y;
    }
  }
  Layer L192 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 32, R: 5, S: 5, Y: 6, X: 22 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      TemporalMap(4,4) C;
      TemporalMap(3,3) K;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,8) X;
    }
  }
  Layer L201 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 2, K: 96, C: 68, R: 1, S: 1, Y: 12, X: 41 }
    Dataflow {
      SpatialMap(4,4) C;
      TemporalMap(4,4) X;
      TemporalMap(32,32) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(16,16) N;
      TemporalMap(8,8) K;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L213 {
    Type: GEMM
    Dimensions { M: 270, N: 19, K: 167 }
    Dataflow {
      TemporalMap(145,136) M;
      SpatialMap(1,1) K;
      TemporalMap(2,1) N;
    }
  }
  Layer L215 {
    Type: GEMM
    Dimensions { M: 65, N: 198, K: 21 }
    Dataflow {
      TemporalMap(64,64) N;
      TemporalMap(2,2) M;
      SpatialMap(3,3) K;
    }
  }
  Layer L222 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 64, R: 3, S: 3, Y: 6, X: 24 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,8) K;
      SpatialMap(4,4) R;
      TemporalMap(8,7) C;
      TemporalMap(16,16) Y;
      TemporalMap(64,64) X;
    }
  }
  Layer L224 {
    Type: GEMM
    Dimensions { M: 248, N: 150, K: 65 }
    Dataflow {
      SpatialMap(16,16) K;
      TemporalMap(1,1) M;
      TemporalMap(8,8) N;
    }
  }
  Layer L228 {
    Type: GEMM
    Dimensions { M: 96, N: 249, K: 67 }
    Dataflow {
      TemporalMap(8,1) M;
      TemporalMap(2,2) K;
      SpatialMap(8,8) N;
    }
  }
  Layer L231 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 11, C: 122, R: 7, S: 7, Y: 44, X: 27 }
    Dataflow {
      TemporalMap(3,3) C;
      SpatialMap(64,64) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(3,3) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L234 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 64, R: 5, S: 5, Y: 48, X: 34 }
    Dataflow {
      TemporalMap(16,4) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(16,13) C;
      SpatialMap(1,1) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L235 {
    Type: GEMM
    Dimensions { M: 149, N: 248, K: 161 }
    Dataflow {
      TemporalMap(32,32) K;
      SpatialMap(16,16) M;
      TemporalMap(1,1) N;
    }
  }
  Layer L238 {
    Type: GEMM
    Dimensions { M: 74, N: 266, K: 105 }
    Dataflow {
      TemporalMap(4,4) K;
      SpatialMap(64,64) M;
      TemporalMap(64,24) N;
    }
  }
  Layer L244 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 32, R: 7, S: 7, Y: 25, X: 43 }
    Dataflow {
      SpatialMap(3,3) C;
      TemporalMap(4,4) K;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L245 {
    Type: GEMM
    Dimensions { M: 256, N: 29, K: 283 }
    Dataflow {
      SpatialMap(3,3) K;
      TemporalMap(2,2) M;
      TemporalMap(4,4) N;
    }
  }
  Layer L248 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 8, C: 1, R: 5, S: 5, Y: 21, X: 11 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(32,32) Y;
      TemporalMap(16,2) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(1,1) K;
    }
  }
  Layer L256 {
    Type: GEMM
    Dimensions { M: 36, N: 277, K: 193 }
    Dataflow {
      TemporalMap(64,64) N;
      TemporalMap(3,3) M;
      SpatialMap(8,3) K;
    }
  }
  Layer L262 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 3, C: 8, R: 7, S: 1, Y: 11, X: 36 }
    Dataflow {
      TemporalMap(1,1) G;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(2,2) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(32,32) K;
      TemporalMap(3,3) C;
    }
  }
  Layer L266 {
    Type: GEMM
    Dimensions { M: 276, N: 30, K: 189 }
    Dataflow {
      TemporalMap(146,146) K;
      SpatialMap(32,32) N;
      TemporalMap(2,2) M;
    }
  }
  Layer L268 {
    Type: GEMM
    Dimensions { M: 261, N: 236, K: 164 }
    Dataflow {
      TemporalMap(4,4) M;
      SpatialMap(3,3) N;
      TemporalMap(1,1) K;
    }
  }
  Layer L270 {
    Type: GEMM
    Dimensions { M: 226, N: 209, K: 212 }
    Dataflow {
      SpatialMap(1,1) N;
      TemporalMap(2,2) K;
      TemporalMap(2,2) M;
    }
  }
  Layer L277 {
    Type: GEMM
    Dimensions { M: 35, N: 66, K: 172 }
    Dataflow {
      TemporalMap(16,16) K;
      SpatialMap(4,4) M;
      TemporalMap(64,64) N;
    }
  }
  Layer L297 {
    Type: GEMM
    Dimensions { M: 213, N: 121, K: 68 }
    Dataflow {
      TemporalMap(4,4) N;
      SpatialMap(3,3) K;
      TemporalMap(3,3) M;
    }
  }
  Layer L310 {
    Type: GEMM
    Dimensions { M: 61, N: 299, K: 9 }
    Dataflow {
      TemporalMap(1,1) N;
      TemporalMap(9,9) K;
      SpatialMap(32,32) M;
    }
  }
  Layer L315 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 2, K: 3, C: 3, R: 1, S: 1, Y: 7, X: 7 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) K;
      TemporalMap(64,64) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(32,32) N;
    }
  }
  Layer L317 {
    Type: GEMM
    Dimensions { M: 223, N: 252, K: 295 }
    Dataflow {
      TemporalMap(32,7) N;
      TemporalMap(178,178) M;
      SpatialMap(1,1) K;
    }
  }
  Layer L322 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 32, C: 64, R: 5, S: 5, Y: 7, X: 8 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) K;
      TemporalMap(56,56) C;
      SpatialMap(1,1) G;
      TemporalMap(4,4) X;
    }
  }
  Layer L326 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 8, C: 8, R: 1, S: 1, Y: 4, X: 32 }
    Dataflow {
      TemporalMap(1,1) C;
      TemporalMap(5,5) K;
      TemporalMap(32,32) Y;
      TemporalMap(1,1) R;
      TemporalMap(Sz(S),1) X;
      SpatialMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L327 {
    Type: GEMM
    Dimensions { M: 182, N: 229, K: 282 }
    Dataflow {
      SpatialMap(8,8) M;
      TemporalMap(49,49) N;
      TemporalMap(16,1) K;
    }
  }
  Layer L328 {
    Type: GEMM
    Dimensions { M: 82, N: 125, K: 273 }
    Dataflow {
      TemporalMap(2,2) K;
      SpatialMap(1,1) N;
      TemporalMap(8,8) M;
    }
  }
  Layer L330 {
    Type: GEMM
    Dimensions { M: 194, N: 215, K: 201 }
    Dataflow {
      TemporalMap(32,18) M;
      SpatialMap(42,42) N;
      TemporalMap(2,2) K;
    }
  }
  Layer L334 {
    Type: GEMM
    Dimensions { M: 17, N: 238, K: 253 }
    Dataflow {
      TemporalMap(8,8) N;
      TemporalMap(8,8) K;
      SpatialMap(8,8) M;
    }
  }
  Layer L336 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 8, R: 1, S: 1, Y: 15, X: 15 }
    Dataflow {
      TemporalMap(2,2) C;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(16,4) K;
      TemporalMap(3,3) X;
    }
  }
  Layer L344 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 8, C: 64, R: 1, S: 1, Y: 15, X: 42 }
    Dataflow {
      SpatialMap(1,1) C;
      TemporalMap(1,1) R;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(8,8) K;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L345 {
    Type: GEMM
    Dimensions { M: 174, N: 170, K: 81 }
    Dataflow {
      TemporalMap(3,2) N;
      TemporalMap(8,8) K;
      SpatialMap(8,8) M;
    }
  }
  Layer L356 {
    Type: GEMM
    Dimensions { M: 118, N: 52, K: 172 }
    Dataflow {
      TemporalMap(64,64) N;
      SpatialMap(1,1) K;
      TemporalMap(32,32) M;
    }
  }
  Layer L357 {
    Type: GEMM
    Dimensions { M: 24, N: 197, K: 63 }
    Dataflow {
      TemporalMap(16,16) K;
      SpatialMap(2,2) M;
      TemporalMap(16,7) N;
    }
  }
  Layer L364 {
    Type: GEMM
    Dimensions { M: 217, N: 188, K: 290 }
    Dataflow {
      TemporalMap(103,103) N;
      TemporalMap(1,1) M;
      SpatialMap(64,64) K;
    }
  }
  Layer L371 {
    Type: GEMM
    Dimensions { M: 104, N: 127, K: 212 }
    Dataflow {
      SpatialMap(4,4) N;
      TemporalMap(4,4) K;
      TemporalMap(1,1) M;
    }
  }
  Layer L374 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 2, K: 96, C: 16, R: 7, S: 5, Y: 10, X: 16 }
    Dataflow {
      SpatialMap(64,64) N;
      TemporalMap(1,1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,8) K;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(32,32) C;
    }
  }
  Layer L375 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 32, K: 125, C: 3, R: 3, S: 3, Y: 23, X: 14 }
    Dataflow {
      TemporalMap(3,3) R;
      SpatialMap(2,2) K;
      TemporalMap(1,1) C;
      TemporalMap(1,1) G;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L377 {
    Type: GEMM
    Dimensions { M: 24, N: 87, K: 191 }
    Dataflow {
      TemporalMap(32,32) K;
      TemporalMap(64,64) M;
      SpatialMap(8,8) N;
    }
  }
  Layer L378 {
    Type: GEMM
    Dimensions { M: 190, N: 152, K: 258 }
    Dataflow {
      TemporalMap(16,16) K;
      TemporalMap(1,1) N;
      SpatialMap(1,1) M;
    }
  }
  Layer L380 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 3, R: 3, S: 3, Y: 8, X: 4 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) K;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(16,16) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
    }
  }
  Layer L383 {
    Type: GEMM
    Dimensions { M: 173, N: 96, K: 25 }
    Dataflow {
      TemporalMap(1,1) K;
      SpatialMap(32,32) N;
      TemporalMap(62,62) M;
    }
  }
  Layer L391 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 3, C: 1, R: 3, S: 3, Y: 13, X: 11 }
    Dataflow {
      TemporalMap(1,1) C;
      TemporalMap(64,64) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(Sz(S),1) X;
      TemporalMap(8,8) K;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L392 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 96, C: 16, R: 1, S: 1, Y: 6, X: 3 }
    Dataflow {
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),1) X;
      TemporalMap(32,32) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(4,4) C;
    }
  }
  Layer L393 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 96, C: 3, R: 3, S: 3, Y: 5, X: 9 }
    Dataflow {
      TemporalMap(8,1) K;
      SpatialMap(1,1) Y;
      TemporalMap(1,1) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L397 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 8, C: 64, R: 3, S: 3, Y: 54, X: 10 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(3,3) N;
      SpatialMap(4,1) X;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(32,32) C;
      TemporalMap(3,3) K;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L398 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 64, C: 3, R: 1, S: 3, Y: 7, X: 5 }
    Dataflow {
      TemporalMap(64,64) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(1,1) C;
      TemporalMap(8,8) K;
      TemporalMap(2,2) X;
    }
  }
  Layer L399 {
    Type: GEMM
    Dimensions { M: 84, N: 214, K: 135 }
    Dataflow {
      SpatialMap(2,2) K;
      TemporalMap(16,16) N;
      TemporalMap(16,16) M;
    }
  }
  Layer L402 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 96, C: 1, R: 1, S: 1, Y: 5, X: 4 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) X;
      SpatialMap(32,32) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) Y;
    }
  }
  Layer L403 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 64, C: 117, R: 1, S: 1, Y: 11, X: 7 }
    Dataflow {
      TemporalMap(2,2) X;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) S;
      TemporalMap(60,60) K;
      TemporalMap(3,3) C;
      TemporalMap(4,4) Y;
    }
  }
  Layer L414 {
    Type: GEMM
    Dimensions { M: 214, N: 284, K: 285 }
    Dataflow {
      SpatialMap(205,205) N;
      TemporalMap(16,16) M;
      TemporalMap(16,8) K;
    }
  }
  Layer L422 {
    Type: GEMM
    Dimensions { M: 75, N: 241, K: 152 }
    Dataflow {
      SpatialMap(4,4) K;
      TemporalMap(34,34) N;
      TemporalMap(1,1) M;
    }
  }
  Layer L423 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 32, R: 3, S: 3, Y: 16, X: 26 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(8,7) C;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(16,16) K;
    }
  }
  Layer L427 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 8, R: 1, S: 1, Y: 62, X: 1 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(1,1) S;
      TemporalMap(1,1) K;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) C;
    }
  }
  Layer L428 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 65, R: 7, S: 7, Y: 30, X: 31 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(3,3) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,4) K;
      TemporalMap(2,2) C;
    }
  }
  Layer L429 {
    Type: GEMM
    Dimensions { M: 168, N: 279, K: 232 }
    Dataflow {
      SpatialMap(1,1) K;
      TemporalMap(2,2) N;
      TemporalMap(156,156) M;
    }
  }
  Layer L433 {
    Type: GEMM
    Dimensions { M: 47, N: 207, K: 252 }
    Dataflow {
      TemporalMap(16,16) N;
      TemporalMap(135,135) K;
      SpatialMap(3,3) M;
    }
  }
  Layer L435 {
    Type: GEMM
    Dimensions { M: 274, N: 192, K: 177 }
    Dataflow {
      SpatialMap(32,32) M;
      TemporalMap(32,32) N;
      TemporalMap(2,2) K;
    }
  }
  Layer L437 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 16, R: 1, S: 1, Y: 19, X: 15 }
    Dataflow {
      TemporalMap(8,8) Y;
      TemporalMap(1,1) R;
      SpatialMap(2,2) S;
      TemporalMap(4,4) C;
      TemporalMap(1,1) K;
      TemporalMap(Sz(S),1) X;
    }
  }
  Layer L442 {
    Type: GEMM
    Dimensions { M: 257, N: 171, K: 32 }
    Dataflow {
      SpatialMap(1,1) N;
      TemporalMap(8,8) K;
      TemporalMap(3,3) M;
    }
  }
  Layer L445 {
    Type: GEMM
    Dimensions { M: 16, N: 203, K: 279 }
    Dataflow {
      SpatialMap(22,22) N;
      TemporalMap(16,16) K;
      TemporalMap(64,60) M;
    }
  }
  Layer L448 {
    Type: GEMM
    Dimensions { M: 233, N: 194, K: 182 }
    Dataflow {
      SpatialMap(64,8) M;
      TemporalMap(1,1) N;
      TemporalMap(8,8) K;
    }
  }
  Layer L452 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 8, R: 1, S: 1, Y: 26, X: 7 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(6,6) C;
      TemporalMap(16,16) X;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(16,16) Y;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L454 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 3, K: 2, C: 64, R: 3, S: 3, Y: 10, X: 6 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(64,64) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) Y;
      SpatialMap(16,16) K;
      TemporalMap(2,2) N;
    }
  }
  Layer L455 {
    Type: GEMM
    Dimensions { M: 225, N: 253, K: 99 }
    Dataflow {
      TemporalMap(2,2) K;
      TemporalMap(8,8) M;
      SpatialMap(16,16) N;
    }
  }
  Layer L457 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 16, R: 1, S: 1, Y: 15, X: 48 }
    Dataflow {
      TemporalMap(1,1) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),1) X;
      SpatialMap(8,8) K;
    }
  }
  Layer L460 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 8, R: 3, S: 3, Y: 8, X: 9 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(5,5) C;
      SpatialMap(3,3) K;
      TemporalMap(Sz(S),1) X;
      TemporalMap(1,1) Y;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L462 {
    Type: GEMM
    Dimensions { M: 193, N: 184, K: 292 }
    Dataflow {
      TemporalMap(16,16) M;
      TemporalMap(32,32) K;
      SpatialMap(32,32) N;
    }
  }
  Layer L465 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 151, C: 16, R: 1, S: 1, Y: 6, X: 6 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      TemporalMap(2,2) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(1,1) K;
      TemporalMap(64,64) X;
    }
  }
  Layer L469 {
    Type: GEMM
    Dimensions { M: 196, N: 243, K: 107 }
    Dataflow {
      TemporalMap(16,16) N;
      TemporalMap(4,4) M;
      SpatialMap(64,64) K;
    }
  }
  Layer L475 {
    Type: GEMM
    Dimensions { M: 281, N: 287, K: 67 }
    Dataflow {
      SpatialMap(16,16) K;
      TemporalMap(1,1) N;
      TemporalMap(3,3) M;
    }
  }
  Layer L477 {
    Type: GEMM
    Dimensions { M: 123, N: 189, K: 158 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(3,3) M;
      SpatialMap(32,32) N;
    }
  }
  Layer L479 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 8, K: 32, C: 8, R: 1, S: 1, Y: 3, X: 10 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) K;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),1) X;
      SpatialMap(32,32) C;
      TemporalMap(2,2) G;
    }
  }
  Layer L480 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 2, K: 32, C: 50, R: 1, S: 1, Y: 12, X: 6 }
    Dataflow {
      TemporalMap(16,16) N;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(3,3) Y;
      TemporalMap(35,35) C;
      TemporalMap(16,16) K;
      TemporalMap(8,8) X;
      SpatialMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L489 {
    Type: GEMM
    Dimensions { M: 63, N: 213, K: 150 }
    Dataflow {
      SpatialMap(3,3) K;
      TemporalMap(16,16) N;
      TemporalMap(32,24) M;
    }
  }
  Layer L493 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 8, C: 8, R: 3, S: 3, Y: 27, X: 30 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(3,3) C;
      SpatialMap(2,2) R;
      TemporalMap(32,32) K;
      TemporalMap(3,3) S;
    }
  }
  Layer L494 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 3, K: 32, C: 32, R: 3, S: 3, Y: 9, X: 15 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      TemporalMap(32,32) C;
      TemporalMap(8,8) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(1,1) K;
      TemporalMap(3,3) N;
    }
  }
  Layer L495 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 96, C: 8, R: 7, S: 7, Y: 13, X: 7 }
    Dataflow {
      SpatialMap(4,2) G;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(64,64) Y;
      TemporalMap(4,3) K;
      TemporalMap(1,1) C;
    }
  }
  Layer L505 {
    Type: GEMM
    Dimensions { M: 149, N: 273, K: 89 }
    Dataflow {
      SpatialMap(64,64) M;
      TemporalMap(1,1) N;
      TemporalMap(4,4) K;
    }
  }
  Layer L510 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 3, R: 3, S: 3, Y: 11, X: 7 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(1,1) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) C;
    }
  }
  Layer L514 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 96, C: 1, R: 7, S: 7, Y: 7, X: 23 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(Sz(S),1) X;
      TemporalMap(2,2) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(64,64) C;
    }
  }
  Layer L516 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 16, R: 1, S: 1, Y: 11, X: 64 }
    Dataflow {
      TemporalMap(3,3) C;
      TemporalMap(3,1) K;
      TemporalMap(Sz(S),1) X;
      SpatialMap(1,1) S;
      TemporalMap(2,2) Y;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L519 {
    Type: GEMM
    Dimensions { M: 154, N: 233, K: 141 }
    Dataflow {
      TemporalMap(2,2) N;
      TemporalMap(1,1) M;
      SpatialMap(1,1) K;
    }
  }
  Layer L520 {
    Type: GEMM
    Dimensions { M: 136, N: 247, K: 226 }
    Dataflow {
      TemporalMap(3,3) M;
      TemporalMap(4,4) N;
      SpatialMap(4,4) K;
    }
  }
  Layer L527 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 32, R: 3, S: 3, Y: 19, X: 3 }
    Dataflow {
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(2,1) K;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(16,16) C;
    }
  }
  Layer L532 {
    Type: GEMM
    Dimensions { M: 176, N: 254, K: 165 }
    Dataflow {
      TemporalMap(1,1) K;
      SpatialMap(64,43) N;
      TemporalMap(39,31) M;
    }
  }
  Layer L534 {
    Type: GEMM
    Dimensions { M: 270, N: 16, K: 269 }
    Dataflow {
      SpatialMap(3,3) M;
      TemporalMap(1,1) N;
      TemporalMap(2,2) K;
    }
  }
  Layer L541 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 16, C: 32, R: 1, S: 1, Y: 55, X: 2 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(4,4) K;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(16,16) C;
    }
  }
  Layer L543 {
    Type: GEMM
    Dimensions { M: 38, N: 289, K: 216 }
    Dataflow {
      SpatialMap(1,1) N;
      TemporalMap(1,1) M;
      TemporalMap(2,2) K;
    }
  }
  Layer L548 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 2, C: 25, R: 3, S: 3, Y: 51, X: 18 }
    Dataflow {
      TemporalMap(2,2) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) X;
      SpatialMap(3,3) C;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L551 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 3, K: 1, C: 1, R: 5, S: 5, Y: 8, X: 7 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(8,8) N;
      TemporalMap(16,16) K;
      TemporalMap(1,1) X;
      TemporalMap(32,32) C;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L552 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 2, C: 1, R: 3, S: 3, Y: 27, X: 27 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(64,64) K;
      TemporalMap(8,5) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) G;
      SpatialMap(2,1) Y;
    }
  }
  Layer L555 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 2, C: 32, R: 1, S: 1, Y: 8, X: 7 }
    Dataflow {
      TemporalMap(2,2) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(3,3) C;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),1) X;
    }
  }
  Layer L556 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 2, K: 8, C: 64, R: 5, S: 5, Y: 62, X: 5 }
    Dataflow {
      SpatialMap(Sz(S),1) X;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) N;
      TemporalMap(35,35) C;
    }
  }
  Layer L563 {
    Type: GEMM
    Dimensions { M: 257, N: 125, K: 77 }
    Dataflow {
      SpatialMap(243,243) M;
      TemporalMap(8,7) N;
      TemporalMap(64,64) K;
    }
  }
  Layer L565 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 8, C: 1, R: 3, S: 1, Y: 25, X: 2 }
    Dataflow {
      TemporalMap(4,4) X;
      SpatialMap(32,32) K;
      TemporalMap(3,3) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) S;
      TemporalMap(32,11) Y;
    }
  }
  Layer L567 {
    Type: NGCONV
    Stride { X: 2, Y: 2 }
    Dimensions { G: 2, K: 64, C: 64, R: 7, S: 7, Y: 11, X: 22 }
    Dataflow {
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
      TemporalMap(1,1) G;
      TemporalMap(2,1) C;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(32,32) K;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L576 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 8, K: 96, C: 3, R: 3, S: 3, Y: 6, X: 19 }
    Dataflow {
      SpatialMap(4,4) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) C;
      TemporalMap(32,32) G;
      TemporalMap(1,1) X;
      TemporalMap(64,64) K;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L586 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 46, C: 3, R: 1, S: 1, Y: 47, X: 14 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) K;
      TemporalMap(8,8) Y;
      TemporalMap(4,4) C;
      TemporalMap(1,1) R;
      SpatialMap(8,8) X;
    }
  }
  Layer L589 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 8, C: 27, R: 3, S: 3, Y: 7, X: 17 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(64,64) C;
      TemporalMap(32,32) K;
      TemporalMap(Sz(S),1) X;
      TemporalMap(2,2) Y;
      SpatialMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L593 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 8, R: 3, S: 1, Y: 12, X: 13 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(8,1) K;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(16,16) C;
    }
  }
  Layer L602 {
    Type: GEMM
    Dimensions { M: 131, N: 98, K: 48 }
    Dataflow {
      TemporalMap(4,4) N;
      TemporalMap(3,3) K;
      SpatialMap(32,32) M;
    }
  }
  Layer L611 {
    Type: GEMM
    Dimensions { M: 192, N: 12, K: 253 }
    Dataflow {
      TemporalMap(8,4) N;
      TemporalMap(1,1) K;
      SpatialMap(1,1) M;
    }
  }
  Layer L612 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 2, K: 64, C: 118, R: 7, S: 7, Y: 7, X: 8 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(32,22) K;
      TemporalMap(3,3) G;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(32,7) C;
    }
  }
  Layer L613 {
    Type: GEMM
    Dimensions { M: 295, N: 92, K: 3 }
    Dataflow {
      TemporalMap(4,4) K;
      SpatialMap(4,4) M;
      TemporalMap(1,1) N;
    }
  }
  Layer L626 {
    Type: GEMM
    Dimensions { M: 227, N: 5, K: 155 }
    Dataflow {
      TemporalMap(8,8) M;
      TemporalMap(2,2) N;
      SpatialMap(4,1) K;
    }
  }
  Layer L628 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 32, R: 3, S: 3, Y: 3, X: 3 }
    Dataflow {
      SpatialMap(32,32) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(16,16) C;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L631 {
    Type: GEMM
    Dimensions { M: 186, N: 225, K: 197 }
    Dataflow {
      SpatialMap(120,120) N;
      TemporalMap(64,64) K;
      TemporalMap(32,32) M;
    }
  }
  Layer L635 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 8, R: 7, S: 7, Y: 64, X: 55 }
    Dataflow {
      TemporalMap(1,1) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(32,32) K;
      SpatialMap(32,32) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L642 {
    Type: GEMM
    Dimensions { M: 216, N: 85, K: 258 }
    Dataflow {
      SpatialMap(3,1) N;
      TemporalMap(9,9) M;
      TemporalMap(2,2) K;
    }
  }
  Layer L648 {
    Type: GEMM
    Dimensions { M: 6, N: 141, K: 271 }
    Dataflow {
      SpatialMap(1,1) N;
      TemporalMap(32,32) K;
      TemporalMap(8,6) M;
    }
  }
  Layer L650 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 96, C: 8, R: 3, S: 3, Y: 8, X: 11 }
    Dataflow {
      TemporalMap(3,3) C;
      TemporalMap(4,4) K;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L653 {
    Type: GEMM
    Dimensions { M: 56, N: 36, K: 266 }
    Dataflow {
      TemporalMap(64,64) M;
      TemporalMap(64,64) K;
      SpatialMap(2,2) N;
    }
  }
  Layer L654 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 3, K: 8, C: 3, R: 3, S: 5, Y: 31, X: 24 }
    Dataflow {
      SpatialMap(64,64) C;
      TemporalMap(1,1) K;
      TemporalMap(1,1) N;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
    }
  }
  Layer L655 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 2, K: 1, C: 64, R: 1, S: 1, Y: 19, X: 33 }
    Dataflow {
      TemporalMap(32,32) N;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,8) C;
      TemporalMap(1,1) K;
    }
  }
  Layer L660 {
    Type: GEMM
    Dimensions { M: 142, N: 7, K: 60 }
    Dataflow {
      TemporalMap(2,2) M;
      TemporalMap(1,1) K;
      SpatialMap(1,1) N;
    }
  }
  Layer L669 {
    Type: GEMM
    Dimensions { M: 3, N: 4, K: 183 }
    Dataflow {
      TemporalMap(1,1) N;
      TemporalMap(4,4) M;
      SpatialMap(4,4) K;
    }
  }
  Layer L676 {
    Type: GEMM
    Dimensions { M: 60, N: 221, K: 114 }
    Dataflow {
      TemporalMap(64,64) M;
      SpatialMap(1,1) N;
      TemporalMap(16,16) K;
    }
  }
  Layer L678 {
    Type: GEMM
    Dimensions { M: 142, N: 253, K: 104 }
    Dataflow {
      TemporalMap(4,4) N;
      TemporalMap(2,2) M;
      SpatialMap(64,64) K;
    }
  }
  Layer L682 {
    Type: NGCONV
    Stride { X: 2, Y: 2 }
    Dimensions { G: 32, K: 1, C: 3, R: 3, S: 5, Y: 9, X: 6 }
    Dataflow {
      TemporalMap(29,29) G;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) C;
      TemporalMap(3,3) R;
      TemporalMap(3,3) K;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L684 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 2, K: 3, C: 16, R: 3, S: 3, Y: 14, X: 15 }
    Dataflow {
      TemporalMap(1,1) Y;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(4,3) N;
      TemporalMap(8,8) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(16,16) K;
      TemporalMap(1,1) X;
    }
  }
  Layer L690 {
    Type: NGCONV
    Stride { X: 2, Y: 2 }
    Dimensions { G: 8, K: 32, C: 16, R: 7, S: 7, Y: 16, X: 7 }
    Dataflow {
      SpatialMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) C;
      TemporalMap(1,1) Y;
      TemporalMap(32,32) G;
      TemporalMap(19,19) K;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L709 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 64, R: 5, S: 5, Y: 7, X: 16 }
    Dataflow {
      SpatialMap(32,32) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(3,3) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) K;
      TemporalMap(1,1) X;
    }
  }
  Layer L729 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 8, K: 32, C: 134, R: 1, S: 1, Y: 10, X: 27 }
    Dataflow {
      SpatialMap(2,2) G;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
      TemporalMap(1,1) C;
      TemporalMap(64,64) K;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L730 {
    Type: GEMM
    Dimensions { M: 211, N: 7, K: 5 }
    Dataflow {
      TemporalMap(3,3) N;
      TemporalMap(64,64) M;
      SpatialMap(16,16) K;
    }
  }
  Layer L735 {
    Type: GEMM
    Dimensions { M: 158, N: 199, K: 205 }
    Dataflow {
      TemporalMap(4,1) K;
      SpatialMap(4,4) N;
      TemporalMap(16,2) M;
    }
  }
  Layer L753 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 16, C: 33, R: 5, S: 5, Y: 49, X: 5 }
    Dataflow {
      SpatialMap(8,8) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(16,16) K;
      TemporalMap(4,4) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L758 {
    Type: GEMM
    Dimensions { M: 26, N: 69, K: 235 }
    Dataflow {
      TemporalMap(1,1) M;
      TemporalMap(1,1) K;
      SpatialMap(8,8) N;
    }
  }
  Layer L759 {
    Type: GEMM
    Dimensions { M: 122, N: 102, K: 213 }
    Dataflow {
      SpatialMap(32,32) M;
      TemporalMap(3,3) K;
      TemporalMap(32,32) N;
    }
  }
  Layer L764 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 16, R: 1, S: 1, Y: 6, X: 17 }
    Dataflow {
      TemporalMap(4,2) X;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(16,16) C;
      TemporalMap(3,3) K;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L776 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 185, R: 1, S: 1, Y: 15, X: 14 }
    Dataflow {
      TemporalMap(4,4) Y;
      SpatialMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(64,64) K;
      TemporalMap(4,4) C;
    }
  }
  Layer L778 {
    Type: GEMM
    Dimensions { M: 247, N: 224, K: 93 }
    Dataflow {
      TemporalMap(16,16) K;
      SpatialMap(2,2) M;
      TemporalMap(1,1) N;
    }
  }
  Layer L783 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 96, C: 8, R: 1, S: 1, Y: 6, X: 16 }
    Dataflow {
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) K;
      TemporalMap(1,1) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L786 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 16, R: 1, S: 1, Y: 6, X: 2 }
    Dataflow {
      TemporalMap(4,4) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,8) X;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(8,7) K;
    }
  }
  Layer L787 {
    Type: GEMM
    Dimensions { M: 230, N: 196, K: 179 }
    Dataflow {
      TemporalMap(16,16) K;
      TemporalMap(4,3) M;
      SpatialMap(64,48) N;
    }
  }
  Layer L794 {
    Type: GEMM
    Dimensions { M: 25, N: 222, K: 64 }
    Dataflow {
      TemporalMap(4,2) M;
      SpatialMap(2,2) N;
      TemporalMap(2,2) K;
    }
  }
  Layer L797 {
    Type: NGCONV
    Stride { X: 2, Y: 2 }
    Dimensions { G: 32, K: 96, C: 3, R: 7, S: 7, Y: 7, X: 19 }
    Dataflow {
      TemporalMap(9,9) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) C;
      SpatialMap(2,2) K;
      TemporalMap(2,1) G;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L798 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 2, K: 96, C: 1, R: 1, S: 1, Y: 4, X: 1 }
    Dataflow {
      TemporalMap(1,1) C;
      TemporalMap(16,16) K;
      TemporalMap(Sz(S),1) X;
      TemporalMap(2,2) N;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(16,16) Y;
    }
  }
  Layer L803 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 32, R: 5, S: 5, Y: 57, X: 8 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(1,1) K;
      TemporalMap(1,1) Y;
      SpatialMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L808 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 16, R: 7, S: 7, Y: 22, X: 13 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(64,64) Y;
      SpatialMap(4,4) X;
      TemporalMap(16,6) K;
      TemporalMap(3,3) C;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L810 {
    Type: GEMM
    Dimensions { M: 29, N: 46, K: 58 }
    Dataflow {
      TemporalMap(8,8) N;
      TemporalMap(1,1) K;
      SpatialMap(4,3) M;
    }
  }
  Layer L811 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 64, R: 3, S: 3, Y: 9, X: 3 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(64,64) X;
      TemporalMap(1,1) C;
      TemporalMap(8,8) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L812 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 16, C: 76, R: 3, S: 1, Y: 12, X: 13 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      TemporalMap(64,64) K;
      SpatialMap(16,16) R;
      TemporalMap(16,16) G;
      TemporalMap(64,64) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
    }
  }
  Layer L814 {
    Type: GEMM
    Dimensions { M: 62, N: 34, K: 205 }
    Dataflow {
      TemporalMap(64,64) N;
      SpatialMap(4,4) M;
      TemporalMap(4,4) K;
    }
  }
  Layer L817 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 16, R: 1, S: 1, Y: 20, X: 12 }
    Dataflow {
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) X;
      TemporalMap(64,18) K;
      TemporalMap(1,1) C;
      TemporalMap(1,1) S;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L818 {
    Type: GEMM
    Dimensions { M: 163, N: 194, K: 97 }
    Dataflow {
      TemporalMap(1,1) M;
      SpatialMap(32,32) N;
      TemporalMap(4,4) K;
    }
  }
  Layer L820 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 96, C: 8, R: 1, S: 1, Y: 7, X: 44 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(4,4) X;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(1,1) C;
      TemporalMap(16,16) K;
    }
  }
  Layer L822 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 2, K: 1, C: 8, R: 3, S: 3, Y: 7, X: 4 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,2) N;
      TemporalMap(16,13) X;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(2,2) K;
      TemporalMap(16,16) C;
    }
  }
  Layer L823 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 64, R: 1, S: 1, Y: 48, X: 3 }
    Dataflow {
      TemporalMap(32,32) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(4,3) C;
      TemporalMap(16,16) K;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L824 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 2, K: 1, C: 64, R: 1, S: 1, Y: 13, X: 50 }
    Dataflow {
      TemporalMap(2,2) Y;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(32,32) N;
      TemporalMap(2,2) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(32,32) K;
    }
  }
  Layer L831 {
    Type: NGCONV
    Stride { X: 2, Y: 2 }
    Dimensions { G: 8, K: 8, C: 3, R: 1, S: 1, Y: 7, X: 6 }
    Dataflow {
      TemporalMap(4,4) C;
      TemporalMap(3,3) Y;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) K;
      TemporalMap(1,1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) G;
    }
  }
  Layer L836 {
    Type: GEMM
    Dimensions { M: 158, N: 166, K: 86 }
    Dataflow {
      SpatialMap(1,1) K;
      TemporalMap(1,1) M;
      TemporalMap(32,32) N;
    }
  }
  Layer L839 {
    Type: GEMM
    Dimensions { M: 300, N: 1, K: 183 }
    Dataflow {
      TemporalMap(1,1) M;
      SpatialMap(32,9) K;
      TemporalMap(4,2) N;
    }
  }
  Layer L841 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 1, R: 1, S: 1, Y: 12, X: 8 }
    Dataflow {
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) S;
      TemporalMap(2,2) Y;
      TemporalMap(8,8) C;
      TemporalMap(2,2) K;
      TemporalMap(32,32) X;
    }
  }
  Layer L845 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 3, K: 32, C: 16, R: 5, S: 5, Y: 7, X: 15 }
    Dataflow {
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(16,16) K;
      TemporalMap(32,32) N;
      TemporalMap(4,4) Y;
      TemporalMap(64,64) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(3,3) X;
    }
  }
  Layer L846 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 64, R: 5, S: 1, Y: 15, X: 7 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) X;
      TemporalMap(4,4) C;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(64,64) K;
    }
  }
  Layer L866 {
    Type: GEMM
    Dimensions { M: 189, N: 190, K: 150 }
    Dataflow {
      SpatialMap(3,3) N;
      TemporalMap(32,6) K;
      TemporalMap(3,3) M;
    }
  }
  Layer L869 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 64, R: 1, S: 1, Y: 8, X: 12 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(1,1) K;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) C;
    }
  }
  Layer L870 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 1, R: 7, S: 7, Y: 33, X: 7 }
    Dataflow {
      TemporalMap(64,64) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),1) X;
      SpatialMap(3,3) C;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L871 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 8, C: 64, R: 5, S: 5, Y: 9, X: 32 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(1,1) C;
      TemporalMap(32,32) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) G;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L884 {
    Type: GEMM
    Dimensions { M: 293, N: 202, K: 39 }
    Dataflow {
      TemporalMap(2,2) M;
      TemporalMap(1,1) K;
      SpatialMap(3,3) N;
    }
  }
  Layer L885 {
    Type: GEMM
    Dimensions { M: 231, N: 283, K: 246 }
    Dataflow {
      SpatialMap(32,32) N;
      TemporalMap(64,64) K;
      TemporalMap(157,157) M;
    }
  }
  Layer L888 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 64, C: 1, R: 1, S: 1, Y: 9, X: 28 }
    Dataflow {
      TemporalMap(1,1) C;
      TemporalMap(32,32) K;
      TemporalMap(1,1) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(1,1) X;
    }
  }
  Layer L890 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 32, K: 32, C: 3, R: 1, S: 1, Y: 11, X: 32 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(3,3) Y;
      TemporalMap(3,3) C;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(31,31) G;
      TemporalMap(3,3) K;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L894 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 27, R: 3, S: 1, Y: 20, X: 8 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(32,32) K;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) C;
    }
  }
  Layer L898 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 3, C: 8, R: 1, S: 5, Y: 3, X: 30 }
    Dataflow {
      TemporalMap(16,14) K;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(16,16) C;
    }
  }
  Layer L899 {
    Type: GEMM
    Dimensions { M: 46, N: 257, K: 39 }
    Dataflow {
      TemporalMap(16,16) N;
      SpatialMap(25,25) K;
      TemporalMap(32,32) M;
    }
  }
  Layer L902 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 29, R: 3, S: 3, Y: 7, X: 32 }
    Dataflow {
      TemporalMap(5,5) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(8,4) C;
      TemporalMap(2,1) K;
      TemporalMap(1,1) X;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L910 {
    Type: GEMM
    Dimensions { M: 284, N: 106, K: 115 }
    Dataflow {
      TemporalMap(1,1) N;
      SpatialMap(4,4) M;
      TemporalMap(4,4) K;
    }
  }
  Layer L911 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 96, C: 32, R: 3, S: 3, Y: 31, X: 8 }
    Dataflow {
      TemporalMap(3,3) Y;
      SpatialMap(Sz(S),1) X;
      TemporalMap(1,1) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) K;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L925 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 8, R: 5, S: 5, Y: 8, X: 12 }
    Dataflow {
      SpatialMap(Sz(R),1) Y;
      TemporalMap(12,12) K;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(32,32) C;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L927 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 64, C: 8, R: 1, S: 1, Y: 3, X: 6 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(1,1) Y;
      TemporalMap(32,32) C;
      TemporalMap(2,2) K;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L928 {
    Type: GEMM
    Dimensions { M: 26, N: 147, K: 9 }
    Dataflow {
      TemporalMap(8,7) N;
      TemporalMap(24,24) M;
      SpatialMap(64,64) K;
    }
  }
  Layer L938 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 32, R: 3, S: 3, Y: 10, X: 4 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) Y;
      SpatialMap(3,3) C;
      TemporalMap(4,4) K;
    }
  }
  Layer L951 {
    Type: GEMM
    Dimensions { M: 178, N: 69, K: 215 }
    Dataflow {
      TemporalMap(16,15) K;
      SpatialMap(64,64) M;
      TemporalMap(64,64) N;
    }
  }
  Layer L954 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 16, R: 5, S: 5, Y: 20, X: 8 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(64,64) X;
      SpatialMap(25,25) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(2,2) C;
    }
  }
  Layer L957 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 16, R: 5, S: 1, Y: 31, X: 1 }
    Dataflow {
      SpatialMap(32,32) C;
      TemporalMap(1,1) X;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) K;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L962 {
    Type: GEMM
    Dimensions { M: 145, N: 271, K: 166 }
    Dataflow {
      SpatialMap(1,1) M;
      TemporalMap(1,1) N;
      TemporalMap(1,1) K;
    }
  }
  Layer L963 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 48, R: 7, S: 7, Y: 16, X: 54 }
    Dataflow {
      TemporalMap(8,8) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) C;
      TemporalMap(32,26) X;
      SpatialMap(8,8) Y;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L966 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 32, R: 3, S: 3, Y: 5, X: 8 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(16,16) C;
      TemporalMap(3,3) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(16,16) K;
    }
  }
  Layer L969 {
    Type: GEMM
    Dimensions { M: 134, N: 168, K: 149 }
    Dataflow {
      TemporalMap(1,1) M;
      TemporalMap(8,8) N;
      SpatialMap(2,2) K;
    }
  }
  Layer L974 {
    Type: GEMM
    Dimensions { M: 239, N: 254, K: 105 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(16,16) N;
      SpatialMap(4,4) M;
    }
  }
  Layer L975 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 185, C: 64, R: 5, S: 1, Y: 12, X: 32 }
    Dataflow {
      TemporalMap(19,19) K;
      TemporalMap(12,12) X;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(16,16) C;
    }
  }
  Layer L978 {
    Type: GEMM
    Dimensions { M: 62, N: 183, K: 38 }
    Dataflow {
      TemporalMap(64,64) K;
      TemporalMap(8,8) M;
      SpatialMap(32,32) N;
    }
  }
  Layer L979 {
    Type: GEMM
    Dimensions { M: 65, N: 257, K: 200 }
    Dataflow {
      TemporalMap(4,4) M;
      TemporalMap(4,4) N;
      SpatialMap(8,5) K;
    }
  }
  Layer L987 {
    Type: GEMM
    Dimensions { M: 171, N: 268, K: 203 }
    Dataflow {
      SpatialMap(4,4) N;
      TemporalMap(64,64) M;
      TemporalMap(2,2) K;
    }
  }
  Layer L989 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 32, C: 16, R: 1, S: 5, Y: 28, X: 23 }
    Dataflow {
      TemporalMap(8,8) Y;
      TemporalMap(1,1) C;
      TemporalMap(64,64) K;
      TemporalMap(2,2) G;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(2,2) X;
    }
  }
  Layer L991 {
    Type: GEMM
    Dimensions { M: 203, N: 175, K: 22 }
    Dataflow {
      SpatialMap(2,2) K;
      TemporalMap(3,3) N;
      TemporalMap(4,4) M;
    }
  }
  Layer L995 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 8, R: 1, S: 1, Y: 16, X: 10 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(4,4) C;
      TemporalMap(1,1) K;
      SpatialMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L1006 {
    Type: GEMM
    Dimensions { M: 184, N: 116, K: 25 }
    Dataflow {
      TemporalMap(2,2) M;
      TemporalMap(8,7) N;
      SpatialMap(2,2) K;
    }
  }
  Layer L1009 {
    Type: GEMM
    Dimensions { M: 98, N: 235, K: 211 }
    Dataflow {
      TemporalMap(4,4) M;
      SpatialMap(3,2) N;
      TemporalMap(124,13) K;
    }
  }
  Layer L1017 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 96, C: 64, R: 3, S: 3, Y: 16, X: 16 }
    Dataflow {
      TemporalMap(3,3) S;
      TemporalMap(13,13) C;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(1,1) K;
      TemporalMap(Sz(S),1) X;
      SpatialMap(16,16) R;
    }
  }
  Layer L1020 {
    Type: GEMM
    Dimensions { M: 86, N: 249, K: 279 }
    Dataflow {
      TemporalMap(32,32) M;
      TemporalMap(2,2) K;
      SpatialMap(1,1) N;
    }
  }
  Layer L1032 {
    Type: GEMM
    Dimensions { M: 150, N: 172, K: 281 }
    Dataflow {
      TemporalMap(16,16) M;
      TemporalMap(2,2) N;
      SpatialMap(8,8) K;
    }
  }
  Layer L1035 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 181, R: 5, S: 5, Y: 5, X: 6 }
    Dataflow {
      TemporalMap(32,32) C;
      TemporalMap(32,32) Y;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) X;
      TemporalMap(2,2) K;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L1036 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 1, R: 5, S: 5, Y: 10, X: 14 }
    Dataflow {
      SpatialMap(3,3) R;
      TemporalMap(2,2) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) Y;
      TemporalMap(4,4) X;
      TemporalMap(16,16) C;
    }
  }
  Layer L1038 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 96, C: 16, R: 1, S: 1, Y: 7, X: 16 }
    Dataflow {
      TemporalMap(8,8) C;
      TemporalMap(Sz(S),1) X;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) R;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(1,1) K;
    }
  }
  Layer L1040 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 32, R: 1, S: 1, Y: 9, X: 20 }
    Dataflow {
      TemporalMap(2,2) C;
      TemporalMap(Sz(S),1) X;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(2,2) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L1050 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 16, R: 5, S: 3, Y: 46, X: 3 }
    Dataflow {
      TemporalMap(1,1) X;
      TemporalMap(3,3) K;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(3,3) C;
    }
  }
  Layer L1061 {
    Type: GEMM
    Dimensions { M: 73, N: 29, K: 282 }
    Dataflow {
      TemporalMap(3,3) M;
      TemporalMap(16,16) K;
      SpatialMap(3,3) N;
    }
  }
  Layer L1064 {
    Type: GEMM
    Dimensions { M: 107, N: 187, K: 71 }
    Dataflow {
      TemporalMap(4,4) N;
      TemporalMap(16,16) K;
      SpatialMap(4,4) M;
    }
  }
  Layer L1067 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 8, K: 3, C: 3, R: 7, S: 7, Y: 16, X: 11 }
    Dataflow {
      TemporalMap(8,8) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(64,64) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(1,1) G;
      SpatialMap(8,8) X;
    }
  }
  Layer L1085 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 32, R: 1, S: 1, Y: 36, X: 18 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(32,32) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(14,14) X;
      SpatialMap(4,3) K;
    }
  }
  Layer L1086 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 3, R: 1, S: 1, Y: 5, X: 19 }
    Dataflow {
      TemporalMap(32,32) C;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(64,64) K;
      TemporalMap(Sz(S),1) X;
    }
  }
  Layer L1089 {
    Type: GEMM
    Dimensions { M: 221, N: 53, K: 157 }
    Dataflow {
      TemporalMap(3,3) N;
      SpatialMap(32,32) K;
      TemporalMap(32,32) M;
    }
  }
  Layer L1090 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 3, R: 7, S: 7, Y: 11, X: 7 }
    Dataflow {
      SpatialMap(2,2) C;
      TemporalMap(64,64) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L1091 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 120, R: 3, S: 3, Y: 17, X: 11 }
    Dataflow {
      SpatialMap(32,32) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
      TemporalMap(4,4) C;
      TemporalMap(2,2) K;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L1102 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 1, R: 1, S: 1, Y: 2, X: 1 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(Sz(S),1) X;
      TemporalMap(4,4) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(32,13) K;
      TemporalMap(1,1) C;
    }
  }
  Layer L1103 {
    Type: GEMM
    Dimensions { M: 21, N: 112, K: 161 }
    Dataflow {
      TemporalMap(85,85) N;
      TemporalMap(3,2) M;
      SpatialMap(8,8) K;
    }
  }
  Layer L1107 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 64, R: 3, S: 3, Y: 7, X: 36 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) Y;
      TemporalMap(Sz(S),1) X;
      SpatialMap(64,64) R;
      TemporalMap(2,2) C;
      TemporalMap(1,1) K;
    }
  }
  Layer L1111 {
    Type: GEMM
    Dimensions { M: 98, N: 223, K: 75 }
    Dataflow {
      SpatialMap(8,6) N;
      TemporalMap(1,1) K;
      TemporalMap(3,3) M;
    }
  }
  Layer L1112 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 64, R: 5, S: 5, Y: 7, X: 8 }
    Dataflow {
      TemporalMap(1,1) C;
      TemporalMap(1,1) X;
      TemporalMap(64,64) K;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L1117 {
    Type: GEMM
    Dimensions { M: 205, N: 229, K: 296 }
    Dataflow {
      TemporalMap(1,1) M;
      SpatialMap(32,32) K;
      TemporalMap(2,2) N;
    }
  }
  Layer L1118 {
    Type: GEMM
    Dimensions { M: 150, N: 96, K: 172 }
    Dataflow {
      TemporalMap(1,1) M;
      SpatialMap(4,4) N;
      TemporalMap(32,32) K;
    }
  }
  Layer L1127 {
    Type: GEMM
    Dimensions { M: 165, N: 76, K: 36 }
    Dataflow {
      TemporalMap(64,64) M;
      SpatialMap(2,2) K;
      TemporalMap(32,9) N;
    }
  }
  Layer L1131 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 16, C: 8, R: 3, S: 1, Y: 5, X: 14 }
    Dataflow {
      TemporalMap(16,16) K;
      TemporalMap(4,4) G;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(8,4) Y;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L1132 {
    Type: GEMM
    Dimensions { M: 246, N: 225, K: 240 }
    Dataflow {
      TemporalMap(1,1) N;
      SpatialMap(64,64) M;
      TemporalMap(4,4) K;
    }
  }
  Layer L1138 {
    Type: GEMM
    Dimensions { M: 72, N: 219, K: 32 }
    Dataflow {
      TemporalMap(16,16) M;
      TemporalMap(64,64) N;
      SpatialMap(64,64) K;
    }
  }
  Layer L1139 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 1, R: 3, S: 3, Y: 7, X: 25 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(Sz(S),1) X;
      TemporalMap(1,1) K;
      TemporalMap(32,29) C;
    }
  }
  Layer L1142 {
    Type: GEMM
    Dimensions { M: 39, N: 252, K: 252 }
    Dataflow {
      SpatialMap(1,1) K;
      TemporalMap(64,64) M;
      TemporalMap(1,1) N;
    }
  }
  Layer L1149 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 1, R: 7, S: 7, Y: 63, X: 27 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,8) C;
      TemporalMap(3,3) K;
      TemporalMap(3,3) X;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L1153 {
    Type: GEMM
    Dimensions { M: 38, N: 183, K: 49 }
    Dataflow {
      TemporalMap(16,16) N;
      TemporalMap(32,3) K;
      SpatialMap(1,1) M;
    }
  }
  Layer L1158 {
    Type: GEMM
    Dimensions { M: 195, N: 28, K: 13 }
    Dataflow {
      TemporalMap(3,3) K;
      TemporalMap(66,66) M;
      SpatialMap(64,11) N;
    }
  }
  Layer L1162 {
    Type: GEMM
    Dimensions { M: 37, N: 89, K: 213 }
    Dataflow {
      TemporalMap(2,2) N;
      TemporalMap(3,3) K;
      SpatialMap(1,1) M;
    }
  }
  Layer L1164 {
    Type: GEMM
    Dimensions { M: 119, N: 105, K: 197 }
    Dataflow {
      TemporalMap(64,64) N;
      SpatialMap(4,4) K;
      TemporalMap(2,2) M;
    }
  }
  Layer L1165 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 8, C: 150, R: 5, S: 5, Y: 60, X: 12 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) Y;
      TemporalMap(2,2) X;
      TemporalMap(4,4) C;
      SpatialMap(3,3) K;
    }
  }
  Layer L1175 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 2, C: 64, R: 7, S: 7, Y: 15, X: 10 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      TemporalMap(3,3) K;
      TemporalMap(32,32) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L1176 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 8, R: 3, S: 1, Y: 4, X: 12 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      TemporalMap(8,2) X;
      TemporalMap(2,2) K;
      SpatialMap(64,64) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L1178 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 2, C: 91, R: 5, S: 5, Y: 5, X: 62 }
    Dataflow {
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(16,16) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(19,19) X;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(8,3) K;
    }
  }
  Layer L1186 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 32, C: 8, R: 1, S: 1, Y: 1, X: 16 }
    Dataflow {
      TemporalMap(32,32) Y;
      TemporalMap(1,1) X;
      SpatialMap(8,8) R;
      TemporalMap(4,4) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(4,4) K;
    }
  }
  Layer L1191 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 76, R: 1, S: 1, Y: 38, X: 6 }
    Dataflow {
      SpatialMap(16,16) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(64,64) C;
      TemporalMap(8,8) K;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L1199 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 64, C: 8, R: 1, S: 1, Y: 14, X: 14 }
    Dataflow {
      SpatialMap(1,1) Y;
      TemporalMap(1,1) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(3,3) C;
      TemporalMap(Sz(S),1) X;
    }
  }
  Layer L1200 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 64, C: 1, R: 1, S: 1, Y: 42, X: 20 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(2,2) K;
      SpatialMap(16,12) S;
      TemporalMap(1,1) C;
      TemporalMap(64,64) X;
    }
  }
  Layer L1214 {
    Type: GEMM
    Dimensions { M: 283, N: 115, K: 17 }
    Dataflow {
      TemporalMap(172,172) M;
      TemporalMap(11,10) K;
      SpatialMap(1,1) N;
    }
  }
  Layer L1215 {
    Type: GEMM
    Dimensions { M: 40, N: 97, K: 213 }
    Dataflow {
      TemporalMap(8,8) N;
      TemporalMap(2,1) M;
      SpatialMap(39,18) K;
    }
  }
  Layer L1221 {
    Type: GEMM
    Dimensions { M: 181, N: 150, K: 106 }
    Dataflow {
      TemporalMap(8,8) N;
      SpatialMap(1,1) K;
      TemporalMap(12,6) M;
    }
  }
  Layer L1226 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 3, C: 1, R: 1, S: 1, Y: 25, X: 17 }
    Dataflow {
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),1) X;
      TemporalMap(16,16) K;
      SpatialMap(32,32) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L1230 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 2, K: 16, C: 49, R: 5, S: 5, Y: 5, X: 8 }
    Dataflow {
      TemporalMap(3,3) K;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(2,1) N;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,4) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(64,64) X;
    }
  }
  Layer L1234 {
    Type: GEMM
    Dimensions { M: 147, N: 215, K: 277 }
    Dataflow {
      SpatialMap(26,10) K;
      TemporalMap(3,3) N;
      TemporalMap(4,4) M;
    }
  }
  Layer L1235 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 96, C: 3, R: 1, S: 1, Y: 12, X: 6 }
    Dataflow {
      SpatialMap(2,1) C;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(1,1) S;
      TemporalMap(3,3) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) X;
    }
  }
  Layer L1238 {
    Type: GEMM
    Dimensions { M: 197, N: 217, K: 96 }
    Dataflow {
      TemporalMap(4,4) N;
      TemporalMap(8,8) K;
      SpatialMap(16,16) M;
    }
  }
  Layer L1240 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 8, C: 8, R: 1, S: 1, Y: 14, X: 11 }
    Dataflow {
      TemporalMap(32,32) C;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(2,2) K;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L1246 {
    Type: GEMM
    Dimensions { M: 94, N: 256, K: 150 }
    Dataflow {
      TemporalMap(64,1) K;
      SpatialMap(16,6) M;
      TemporalMap(1,1) N;
    }
  }
  Layer L1247 {
    Type: GEMM
    Dimensions { M: 179, N: 266, K: 102 }
    Dataflow {
      TemporalMap(4,2) M;
      SpatialMap(4,2) K;
      TemporalMap(111,111) N;
    }
  }
  Layer L1255 {
    Type: GEMM
    Dimensions { M: 131, N: 91, K: 142 }
    Dataflow {
      SpatialMap(27,7) N;
      TemporalMap(32,32) K;
      TemporalMap(36,36) M;
    }
  }
  Layer L1258 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 32, R: 3, S: 3, Y: 13, X: 55 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(32,32) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(64,64) C;
      SpatialMap(1,1) K;
    }
  }
  Layer L1259 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 2, K: 64, C: 64, R: 3, S: 3, Y: 7, X: 7 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(3,3) N;
      SpatialMap(1,1) X;
      TemporalMap(32,32) K;
    }
  }
  Layer L1264 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 64, R: 5, S: 5, Y: 10, X: 14 }
    Dataflow {
      TemporalMap(1,1) Y;
      SpatialMap(16,16) S;
      TemporalMap(2,2) K;
      TemporalMap(1,1) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L1269 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 32, R: 7, S: 7, Y: 11, X: 26 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(64,64) Y;
      TemporalMap(1,1) K;
      SpatialMap(Sz(S),1) X;
      TemporalMap(4,3) C;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L1279 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 32, R: 7, S: 7, Y: 23, X: 30 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(64,64) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(1,1) Y;
      TemporalMap(4,4) K;
    }
  }
  Layer L1283 {
    Type: GEMM
    Dimensions { M: 100, N: 248, K: 83 }
    Dataflow {
      TemporalMap(4,4) N;
      SpatialMap(64,64) K;
      TemporalMap(1,1) M;
    }
  }
  Layer L1284 {
    Type: GEMM
    Dimensions { M: 236, N: 197, K: 158 }
    Dataflow {
      TemporalMap(8,8) K;
      SpatialMap(8,8) N;
      TemporalMap(4,4) M;
    }
  }
}
